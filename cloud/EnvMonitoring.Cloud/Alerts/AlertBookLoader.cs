using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Retry;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// Starts the rules where they stopped: the alert book replayed from the stored events — so a
/// restart neither forgets nor duplicates an alert — every registered station configured, and the
/// rolling means warmed from stored history.
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

    /// <summary>The engine over the replayed book, waiting (and retrying) while InfluxDB cannot be read.</summary>
    public async Task<RebuiltRules> RebuildAsync(CancellationToken cancellationToken)
    {
        var backoff = RebuildRetry.Start(clock.Time);
        while (true)
        {
            try
            {
                var stored = await store.ReadAllAsync(null, cancellationToken);
                var engine = new RuleEngine(clock.Time, AlertBook.Replay(stored.Select(s => s.Event)))
                {
                    AcknowledgeWithin = options.Value.AcknowledgeWithin is { } within && within > TimeSpan.Zero ? within : null,
                };
                foreach (var station in registry.All)
                {
                    engine.Configure(station.Profile);
                }

                // One pass over the history: each alert's last event and the park it was stored under.
                var last = new Dictionary<AlertId, (string Park, AlertEvent Event)>();
                foreach (var item in stored)
                {
                    last[item.Event.AlertId] = item;
                }

                // The board lists the most recently resolved alerts too, as they were shown when resolved.
                var recent = options.Value.RecentResolved;
                var resolved = recent == 0 ? [] : await store.ReadResolvedAsync(null, null, null, null, recent, cancellationToken);
                AlertsLog.Rebuilt(logger, stored.Count, engine.Alerts.Unresolved.Count, registry.All.Count);
                return new RebuiltRules(engine, last, resolved);
            }
            catch (InfluxException e)
            {
                AlertsLog.ReplayFailed(logger, e.Message);
                await backoff.WaitNextAsync(cancellationToken);
            }
        }
    }

    /// <summary>Feeds the last <see cref="RulesOptions.WarmFrom"/> of stored samples to the engine's means; each one judged is handed to <paramref name="judged"/>.</summary>
    public async Task WarmAsync(RuleEngine engine, Action<string, Sample> judged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
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
            await foreach (var (park, sample) in history.ReadAsync(null, now - warmFrom, now + TimeSpan.FromMinutes(1), cancellationToken))
            {
                if (engine.Warm(sample) == EvaluationOutcome.Evaluated)
                {
                    judged(park, sample);
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
/// The engine over the replayed alert book, each alert's last stored event with the park it was
/// stored under, and the most recently resolved alerts (newest first, at most <see cref="RulesOptions.RecentResolved"/>).
/// </summary>
public sealed record RebuiltRules(
    RuleEngine Engine, IReadOnlyDictionary<AlertId, (string Park, AlertEvent Event)> LastEvents, IReadOnlyList<StoredAlertEvent> RecentlyResolved);
