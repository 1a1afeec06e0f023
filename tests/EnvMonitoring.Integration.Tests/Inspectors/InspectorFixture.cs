using EnvMonitoring.Cloud.Rollups;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>
/// A private InfluxDB and the cloud host storing into database <see cref="Database"/>; tests of a
/// class share them and own their data through their own station ids.
/// </summary>
public sealed class InspectorFixture : IAsyncLifetime
{
    public const string Database = "inspectors";
    public const string Park = "TestPark";

    private InfluxServer? _influx;
    private CloudHost? _cloud;

    public InfluxServer Influx => _influx ?? throw new InvalidOperationException("not started");

    public CloudHost Cloud => _cloud ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _influx = await InfluxServer.StartAsync();
        await _influx.CreateDatabaseAsync(Database);
        _cloud = await CloudHost.StartAsync(_influx, Database);
    }

    /// <summary>Writes the points, then runs a rollup pass to completion.</summary>
    public async Task StoreAsync(IEnumerable<StoredReading> readings, bool rollUp = true)
    {
        foreach (var chunk in StoredReading.Lines(Park, readings).Chunk(5000))
        {
            await Influx.WriteAsync(Database, string.Join('\n', chunk));
        }

        if (rollUp)
        {
            await RollUpAsync();
        }
    }

    public Task RollUpAsync() => Cloud.Services.GetRequiredService<RollupService>().RunPassAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_cloud is not null)
        {
            await _cloud.DisposeAsync();
        }

        if (_influx is not null)
        {
            await _influx.DisposeAsync();
        }
    }
}
