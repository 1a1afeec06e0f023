using Microsoft.Extensions.Options;

namespace EnvMonitoring.Node.Outbox;

/// <summary>The outbox of every station of the node, opened (and recovered) at start.</summary>
internal sealed class Outboxes : IDisposable
{
    private readonly Dictionary<string, SampleOutbox> _byStation = new(StringComparer.Ordinal);

    public Outboxes(IOptions<NodeOptions> options, IHostEnvironment environment, ILogger<SampleOutbox> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = options.Value;
        Directory = Path.GetFullPath(settings.Buffer.Directory, environment.ContentRootPath);
        try
        {
            foreach (var station in settings.Stations)
            {
                var outbox = SampleOutbox.Open(Directory, station.Id, settings.Buffer.MaxBytes, logger);
                _byStation.Add(station.Id, outbox);
                NodeLog.OutboxOpened(logger, station.Id, outbox.Path, outbox.Count, outbox.NextSeq);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Directory { get; }

    public SampleOutbox this[string station] => _byStation[station];

    /// <summary>Every station's outbox.</summary>
    public IEnumerable<SampleOutbox> All => _byStation.Values;

    public void Dispose()
    {
        foreach (var outbox in _byStation.Values)
        {
            outbox.Dispose();
        }
    }
}
