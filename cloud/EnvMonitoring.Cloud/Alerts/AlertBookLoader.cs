using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Retry;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// Starts the rules where they stopped: each park's alert book replayed from the events stored under
/// that park — so a restart, or another instance taking the park over, neither forgets nor
/// duplicates an alert — every registered station of the park configured, and the rolling means
/// warmed from stored history. One engine per park: a park's events come from one judge at a time,
/// so its sequence numbers only grow, whichever instance judged it before.
/// </summary>
public sealed class AlertBookLoader(
    AlertEventStore store,
    SampleHistory history,
    StationRegistry registry,
    RulesClock clock,
    IOptions<RulesOptions> options,
    ILogger<AlertBookLoader> logger)
{
    /// <summary>Rebuilding the alert book waits for InfluxDB: soon at first, at most every 10 s.</summary>
    private static readonly RetrySchedule RebuildRetry = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    /// <summary>
    /// The engines of every park (<paramref name="park"/> null) or of one, each over its replayed book,
    /// waiting (and retrying) while InfluxDB cannot be read.
    /// </summary>
    public async Task<RebuiltRules> RebuildAsync(string? park, CancellationToken cancellationToken)
    {
        var backoff = RebuildRetry.Start(clock.Time);
        while (true)
        {
            try
            {
                var stored = await store.ReadAllAsync(null, cancellationToken, park: park);
                var engines = new Dictionary<string, RuleEngine>(StringComparer.Ordinal);
                foreach (var events in stored.GroupBy(s => s.Park, StringComparer.Ordinal))
                {
                    engines[events.Key] = NewEngine(AlertBook.Replay(events.Select(s => s.Event)));
                }

                var stations = registry.All.Where(s => park is null || s.Park == park).ToList();
                foreach (var station in stations)
                {
                    EngineFor(engines, station.Park).Configure(station.Profile);
                }

                if (park is not null)
                {
                    EngineFor(engines, park);
                }

                // One pass over the history: each alert's last event and the park it was stored under.
                var last = new Dictionary<AlertId, (string Park, AlertEvent Event)>();
                foreach (var item in stored)
                {
                    last[item.Event.AlertId] = item;
                }

                // The board lists the most recently resolved alerts too, as they were shown when resolved.
                var recent = options.Value.RecentResolved;
                var resolved = recent == 0 ? [] : await store.ReadResolvedAsync(null, null, null, park is null ? null : [park], recent, cancellationToken);
                AlertsLog.Rebuilt(logger, park ?? "*", stored.Count, engines.Values.Sum(e => e.Alerts.Unresolved.Count), stations.Count);
                return new RebuiltRules(engines, last, resolved);
            }
            catch (InfluxException e)
            {
                AlertsLog.ReplayFailed(logger, e.Message);
                await backoff.WaitNextAsync(cancellationToken);
            }
        }
    }

    /// <summary>The engine of a park's stations, made over an empty book when the park has none yet.</summary>
    public RuleEngine EngineFor(Dictionary<string, RuleEngine> engines, string park)
    {
        ArgumentNullException.ThrowIfNull(engines);
        if (!engines.TryGetValue(park, out var engine))
        {
            engine = NewEngine(null);
            engines[park] = engine;
        }

        return engine;
    }

    private RuleEngine NewEngine(AlertBook? book) => new(clock.Time, book)
    {
        AcknowledgeWithin = options.Value.AcknowledgeWithin is { } within && within > TimeSpan.Zero ? within : null,
    };

    /// <summary>
    /// Feeds the last <see cref="RulesOptions.WarmFrom"/> of stored samples (of every park, or of
    /// <paramref name="park"/>) to their park's engine's means; each one judged is handed to <paramref name="judged"/>.
    /// </summary>
    public async Task WarmAsync(IReadOnlyDictionary<string, RuleEngine> engines, string? park, Action<string, Sample> judged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engines);
        ArgumentNullException.ThrowIfNull(judged);
        var warmFrom = options.Value.WarmFrom;
        if (warmFrom <= TimeSpan.Zero || registry.All.Count == 0)
        {
            return;
        }

        var now = clock.Now;
        var count = 0;
        try
        {
            await foreach (var (stored, sample) in history.ReadAsync(null, now - warmFrom, now + TimeSpan.FromMinutes(1), cancellationToken, park))
            {
                // A station is judged by its park's engine now, whatever park a sample was stored under.
                var current = registry.ParkOf(sample.Station) ?? stored;
                if (engines.TryGetValue(current, out var engine) && engine.Warm(sample) == EvaluationOutcome.Evaluated)
                {
                    judged(current, sample);
                    count++;
                }
            }

            AlertsLog.Warmed(logger, count, warmFrom.TotalHours);
        }
        catch (InfluxException e)
        {
            AlertsLog.WarmFailed(logger, e.Message);
        }
    }
}

/// <summary>
/// An engine per park over its replayed alert book, each alert's last stored event with the park it was
/// stored under, and the most recently resolved alerts (newest first, at most <see cref="RulesOptions.RecentResolved"/>).
/// </summary>
public sealed record RebuiltRules(
    Dictionary<string, RuleEngine> Engines, IReadOnlyDictionary<AlertId, (string Park, AlertEvent Event)> LastEvents, IReadOnlyList<StoredAlertEvent> RecentlyResolved);
