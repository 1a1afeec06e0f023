using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Stations;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Keeps the append-only check true across instances: a park taken up here had its samples stored by
/// another instance, so the <see cref="AppendOnlyGuard"/> reads its stations' newest stored times again
/// before the park's first message is consumed here.
/// </summary>
internal sealed class ParkLedger(AppendOnlyGuard guard, StationRegistry registry) : IParkCustodian
{
    public Task TakeUpAsync(string park, CancellationToken cancellationToken) =>
        guard.RelearnAsync(park, [.. registry.All.Where(s => s.Park == park).Select(s => s.Station)], cancellationToken);

    public Task HandOverAsync(string park, bool leaseLost, CancellationToken cancellationToken) => Task.CompletedTask;
}
