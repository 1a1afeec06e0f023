using EnvMonitoring.Cloud.Ingestion;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// The relay hosted: one <see cref="DestinationRelay"/> loop per configured destination, each with its
/// own outbox folder under <see cref="RelayOptions.StateDirectory"/>; told of stored samples so late
/// readings of an interval already sent are looked at again. Nothing runs without destinations.
/// </summary>
internal sealed class RelayService(
    IOptions<RelayOptions> options, IntervalReader reader, RelayClock clock, RelayMetrics metrics, IHostEnvironment environment, ILoggerFactory loggers)
    : BackgroundService, IStoredSamplesListener
{
    private readonly RelayOptions _options = options.Value;
    private IReadOnlyList<DestinationRelay> _destinations = [];

    public IReadOnlyList<RelayDestinationStatus> Status() => [.. _destinations.Select(d => d.Status())];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(_options.StateDirectory, environment.ContentRootPath);
        var logger = loggers.CreateLogger(typeof(RelayService).FullName!);
        var destinations = new List<DestinationRelay>();
        try
        {
            foreach (var destination in _options.Destinations)
            {
                destinations.Add(new DestinationRelay(destination, _options, Path.Combine(root, destination.Name), reader, clock, metrics, logger));
            }
        }
        catch
        {
            destinations.ForEach(d => d.Dispose());
            throw;
        }

        _destinations = destinations;
        metrics.Observe(Status);
        return base.StartAsync(cancellationToken);
    }

    public ValueTask OnStoredAsync(IReadOnlyList<StoredSamples> stored, CancellationToken cancellationToken)
    {
        foreach (var destination in _destinations)
        {
            foreach (var batch in stored)
            {
                foreach (var sample in batch.Samples)
                {
                    if (destination.Receives(sample.Station))
                    {
                        destination.NoteStored(sample.Station, sample.Timestamp);
                    }
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public override void Dispose()
    {
        foreach (var destination in _destinations)
        {
            destination.Dispose();
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(_destinations.Select(d => Task.Run(() => d.RunAsync(stoppingToken), stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what waits stays in the outboxes for the next start.
        }
    }
}
