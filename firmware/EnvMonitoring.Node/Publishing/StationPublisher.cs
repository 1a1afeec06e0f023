using EnvMonitoring.Node.Outbox;
using EnvMonitoring.Node.Sampling;
using EnvMonitoring.Protocol.Security;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Node.Publishing;

/// <summary>Runs one <see cref="StationLink"/> per configured station until the host stops.</summary>
internal sealed class StationPublisher(
    IOptions<NodeOptions> options,
    Outboxes outboxes,
    CalibrationModes calibration,
    ILinkSchedule links,
    NodeMetrics metrics,
    TimeProvider time,
    ILogger<StationPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var tls = TlsClient.Load(settings.Gateway.Tls, "Node:Gateway:Tls");
        var stations = settings.Stations
            .Select(s => new StationLink(s.Id, settings, tls, outboxes[s.Id], calibration, links, metrics, time, logger))
            .ToList();
        try
        {
            await Task.WhenAll(stations.Select(s => s.RunAsync(stoppingToken)));
        }
        finally
        {
            foreach (var station in stations)
            {
                station.Dispose();
            }
        }
    }
}
