using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Browser.Tests;

/// <summary>One private InfluxDB and one Chromium for every browser test; each test starts its own cloud host.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<InfluxServerFixture>, ICollectionFixture<Chromium>
{
    public const string Name = "dashboard";
}
