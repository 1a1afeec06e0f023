using System.Runtime.InteropServices;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Engine;

/// <summary>
/// The pure rules engine: <c>(state, reading, time) → (state, events)</c>. Its state is the
/// stations' windows and trackers plus the <see cref="AlertBook"/>; its only clock is the
/// <see cref="TimeProvider"/>; it does no I/O. Events are appended to the caller's list, which
/// the host persists (they rebuild the book at start-up, <see cref="AlertBook.Replay"/>) and
/// publishes. Not thread-safe: one caller at a time (the host serialises samples, ticks and user
/// commands, e.g. through one channel).
/// </summary>
public sealed class RuleEngine
{
    /// <summary>The user named on what the engine closes by itself rather than at a person's command (<see cref="Remove(string, string, List{AlertEvent})"/>).</summary>
    public const string SystemUser = "system";

    private readonly Dictionary<string, StationState> _stations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StationState>.AlternateLookup<ReadOnlySpan<char>> _byName;
    private readonly TimeProvider _time;
    private readonly EvaluationScope _scope;

    /// <param name="time">The only clock: evaluation time, lateness, dead-man and day closing.</param>
    /// <param name="book">The alerts rebuilt from persisted events; a new empty book when null.</param>
    /// <param name="scale">Severity tiers; Decree 45/2022's embedded file when null.</param>
    public RuleEngine(TimeProvider time, AlertBook? book = null, SeverityScale? scale = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Alerts = book ?? new AlertBook();
        _scope = new EvaluationScope(Alerts, scale ?? SeverityScale.Default, Counters);
        _byName = _stations.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public AlertBook Alerts { get; }

    /// <summary>
    /// An active alert nobody has acknowledged this long after it opened is marked
    /// <see cref="AlertEventKind.Overdue"/> by <see cref="Tick"/>, once, so that it is told again; null
    /// (the default): never. Judged on the engine's clock.
    /// </summary>
    public TimeSpan? AcknowledgeWithin
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value ?? TimeSpan.MaxValue, TimeSpan.Zero, nameof(AcknowledgeWithin));
            field = value;
        }
    }

    public EngineCounters Counters { get; } = new();

    public IEnumerable<StationRuleProfile> Stations => _stations.Values.Select(s => s.Profile);

    /// <summary>Adds a station or replaces its profile (new limits, settings); what its windows learnt is kept when the report interval is unchanged.</summary>
    public void Configure(StationRuleProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _stations.TryGetValue(profile.Station, out var previous);
        _stations[profile.Station] = new StationState(profile, Alerts, _scope.Scale, _time.GetUtcNow().UtcTicks, previous);
    }

    /// <summary>Stops evaluating a station. Its alerts stay in the book until cleared or resolved by users.</summary>
    public bool Remove(string station) => _stations.Remove(station);

    /// <summary>
    /// Stops evaluating a station that is gone (removed from the registry) and resolves its
    /// unresolved alerts, active or cleared, as <see cref="SystemUser"/> with <paramref name="reason"/>
    /// as the note: no rule watches them any more, and a closed station has nobody to close them.
    /// Later samples of the station are not evaluated (<see cref="EvaluationOutcome.UnknownStation"/>)
    /// until it is configured again. The events are appended to <paramref name="events"/>; they
    /// replay like any other (<see cref="AlertBook.Replay"/>).
    /// </summary>
    /// <returns>Whether the station was configured.</returns>
    public bool Remove(string station, string reason, List<AlertEvent> events)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(station);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentNullException.ThrowIfNull(events);
        var removed = _stations.Remove(station);
        Alerts.ResolveStation(station, SystemUser, reason, _time.GetUtcNow(), events);
        return removed;
    }

    /// <summary>Evaluates a sample at its measurement time; transitions are appended to <paramref name="events"/>.</summary>
    public EvaluationOutcome Evaluate(Sample sample, List<AlertEvent> events)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return Evaluate(sample.Station, sample.Timestamp, ReadingsOf(sample), events);
    }

    /// <inheritdoc cref="Evaluate(Sample, List{AlertEvent})"/>
    public EvaluationOutcome Evaluate(ReadOnlySpan<char> station, DateTimeOffset measuredAt, ReadOnlySpan<Reading> readings, List<AlertEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Run(station, measuredAt, readings, events, warm: false);
    }

    /// <summary>
    /// Feeds a stored reading at start-up, after <see cref="AlertBook.Replay"/>, so windows, runs
    /// and hysteresis timers resume where they were; no alert is opened or changed (the persisted
    /// events already say what happened). Feed the last <see cref="RuleSettings.Retention"/> in measurement order.
    /// </summary>
    public EvaluationOutcome Warm(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return Run(sample.Station, sample.Timestamp, ReadingsOf(sample), null, warm: true);
    }

    /// <summary>
    /// The time-driven rules (offline, silent parameters, local days due) and alerts overdue for
    /// acknowledgement (<see cref="AcknowledgeWithin"/>). Call it every few seconds to a minute.
    /// </summary>
    public void Tick(List<AlertEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var now = _time.GetUtcNow();
        _scope.Begin(now, events, warm: false);
        foreach (var station in _stations.Values)
        {
            station.Tick(_scope);
        }

        if (AcknowledgeWithin is { } within)
        {
            Alerts.MarkOverdue(within, now, events);
        }
    }

    /// <summary>
    /// Ingestion refused a rewrite of <paramref name="station"/>'s stored data (a reading sent again
    /// with other content, measured at <paramref name="measuredAt"/>): opens a <see cref="RuleKind.DataConflict"/>
    /// alert unless one is active. It does not clear by itself: a user resolves it once the cause is known.
    /// </summary>
    /// <param name="station">The station whose stored reading the rewrite aimed at.</param>
    /// <param name="measuredAt">The measurement time of the reading.</param>
    /// <param name="events">Receives the opening event, if any.</param>
    public void ReportConflict(string station, DateTimeOffset measuredAt, List<AlertEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        Alerts.Report(new AlertCause(station, null, RuleKind.DataConflict), Severity.Warning, null, measuredAt, _time.GetUtcNow(), events);
    }

    /// <summary>A named user acknowledges an alert; throws <see cref="AlertCommandException"/> when it cannot apply.</summary>
    public AlertEvent Acknowledge(AlertId alert, string user, string? note = null) =>
        Alerts.Acknowledge(alert, user, note, _time.GetUtcNow());

    /// <summary>
    /// A named user resolves an alert with a note; throws <see cref="AlertCommandException"/> when it
    /// cannot apply, and <see cref="AlertCauseActiveException"/> while its cause is still active: an
    /// active alert a rule of a configured station still watches (it clears by itself). An alert no
    /// rule watches any more — its station removed, its rule disabled, or one that never clears by
    /// itself (<see cref="RuleKind.DataConflict"/>) — can be resolved while active.
    /// </summary>
    public AlertEvent Resolve(AlertId alert, string user, string note) =>
        Alerts.Resolve(alert, user, note, _time.GetUtcNow(), open => open.IsActive && _stations.TryGetValue(open.Cause.Station, out var station) && station.Watches(open.Cause));

    private EvaluationOutcome Run(ReadOnlySpan<char> station, DateTimeOffset measuredAt, ReadOnlySpan<Reading> readings, List<AlertEvent>? events, bool warm)
    {
        if (!_byName.TryGetValue(station, out var state))
        {
            Counters.UnknownStationField++;
            return EvaluationOutcome.UnknownStation;
        }

        _scope.Begin(_time.GetUtcNow(), events, warm);
        state.Evaluate(measuredAt.UtcTicks, readings, _scope);
        return EvaluationOutcome.Evaluated;
    }

    private static ReadOnlySpan<Reading> ReadingsOf(Sample sample) => sample.Readings switch
    {
        Reading[] array => array,
        List<Reading> list => CollectionsMarshal.AsSpan(list),
        var other => other.ToArray(),
    };
}
