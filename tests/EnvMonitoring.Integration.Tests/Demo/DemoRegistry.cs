using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Integration.Tests.Launcher;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Integration.Tests.Demo;

/// <summary>
/// The demo stations exactly as <c>./envmon run</c> and docker-compose.yml register them with the
/// cloud: deploy/demo/stations.json read as the host reads its <c>StationsFile</c>
/// (<see cref="StationsFile.Read"/>) and resolved as the host does
/// (<see cref="StationRegistry.Build(IEnumerable{StationDefinition}, IEnumerable{ParkDefinition}, RegulationLibrary, ParameterCatalog, RuleSettings)"/>).
/// A change of the demo's regulation, column, site inputs, parameters or rule settings in that
/// file is therefore what the tests judge.
/// </summary>
internal static class DemoRegistry
{
    private static readonly Lazy<StationRegistry> Registry = new(Load);

    /// <summary>The demo data file, relative to the repository.</summary>
    public static string File { get; } = Path.Combine(RepositoryRoot.Path, "deploy", "demo", "stations.json");

    /// <summary>The registry, read once per test run (the file does not change meanwhile).</summary>
    public static StationRegistry Current => Registry.Value;

    private static StationRegistry Load()
    {
        var definitions = StationsFile.Read(File);
        Assert.True(definitions.Stations.Count >= 7, "deploy/demo/stations.json registers the demo stations");
        return StationRegistry.Build(definitions.Stations, definitions.Parks, RegulationLibrary.Default, ParameterCatalog.Default, RuleSettings.Default);
    }
}
