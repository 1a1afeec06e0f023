using System.Collections.Concurrent;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Condition;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Live;

/// <summary>
/// The latest values and active alerts of every station, in memory. One writer (the rules
/// service, which sees every stored sample and every alert transition, in order); any number of
/// readers (hub, API) that take views. Stations changed since the last <see cref="DrainChanged"/>
/// are remembered so the hub sends each at most once per coalescing period.
/// </summary>
public sealed class LiveState : IRulesListener
{
    private readonly ConcurrentDictionary<string, StationEntry> _stations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _changed = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _clients;

    public LiveState(StationRegistry registry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _time = time;
        foreach (var station in registry.All)
        {
            _stations[station.Station] = new StationEntry(station.Park, station.Station, station);
        }
    }

    public IEnumerable<string> Stations => _stations.Keys;

    public bool Contains(string station) => _stations.ContainsKey(station);

    public bool HasPark(string park) => _stations.Values.Any(s => s.Park == park);

    /// <summary>The park of a station of the live picture; null for one it does not hold.</summary>
    public string? ParkOf(string station) => _stations.TryGetValue(station, out var entry) ? entry.Park : null;

    void IRulesListener.OnRebuilt(IReadOnlyCollection<Alert> active) => Load(active);

    void IRulesListener.OnJudged(string park, Sample sample) => Observe(park, sample);

    void IRulesListener.OnTransition(AlertTransition transition) => Apply(transition.Event);

    /// <summary>Records a stored sample (writer only).</summary>
    public void Observe(string park, Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var entry = _stations.GetOrAdd(sample.Station, station => new StationEntry(park, station, null));
        var received = _time.GetUtcNow();
        lock (entry)
        {
            entry.LastReceivedAt = received;
            if (entry.LastMeasuredAt is { } last && sample.Timestamp < last)
            {
                return; // late data (a gateway's backlog) does not replace newer values
            }

            entry.LastMeasuredAt = sample.Timestamp;
            foreach (var reading in sample.Readings)
            {
                entry.Values[reading.Parameter.Code] = new LatestValue(reading, sample.Timestamp);
            }
        }

        _changed[sample.Station] = 0;
    }

    /// <summary>Records an alert transition (writer only).</summary>
    public void Apply(AlertEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!_stations.TryGetValue(e.Cause.Station, out var entry))
        {
            return;
        }

        lock (entry)
        {
            if (e.Kind is AlertEventKind.Cleared or AlertEventKind.Resolved || e.Severity == Severity.None)
            {
                entry.Active.Remove(e.AlertId);
            }
            else if (e.Kind is AlertEventKind.Opened or AlertEventKind.Escalated or AlertEventKind.DeEscalated)
            {
                entry.Active[e.AlertId] = (e.Cause.Rule, e.Severity);
            }
        }

        _changed[e.Cause.Station] = 0;
    }

    /// <summary>Rebuilds the active alerts from the alert book at start-up.</summary>
    public void Load(IEnumerable<Alert> active)
    {
        ArgumentNullException.ThrowIfNull(active);
        foreach (var alert in active)
        {
            if (_stations.TryGetValue(alert.Cause.Station, out var entry))
            {
                lock (entry)
                {
                    entry.Active[alert.Id] = (alert.Cause.Rule, alert.Severity);
                }
            }
        }
    }

    /// <summary>Hub connections now open; with none, changes are dropped without building views.</summary>
    public int Clients => Volatile.Read(ref _clients);

    internal void ClientConnected() => Interlocked.Increment(ref _clients);

    internal void ClientDisconnected() => Interlocked.Decrement(ref _clients);

    /// <summary>The stations changed since the last call, as views (none, and the changes forgotten, while no client listens).</summary>
    public List<StationLive> DrainChanged()
    {
        if (Clients == 0)
        {
            _changed.Clear();
            return [];
        }

        var views = new List<StationLive>(_changed.Count);
        foreach (var station in _changed.Keys)
        {
            if (_changed.TryRemove(station, out _) && _stations.TryGetValue(station, out var entry))
            {
                views.Add(View(entry));
            }
        }

        return views;
    }

    public StationLive? View(string station) => _stations.TryGetValue(station, out var entry) ? View(entry) : null;

    /// <summary>Views of the stations in a scope: <c>province</c>, <c>park:X</c> or <c>station:Y</c>.</summary>
    public List<StationLive> Views(LiveScope scope) =>
        _stations.Values.Where(e => scope.Contains(e.Park, e.Station)).OrderBy(e => e.Park, StringComparer.Ordinal).ThenBy(e => e.Station, StringComparer.Ordinal).Select(View).ToList();

    private StationLive View(StationEntry entry)
    {
        var now = _time.GetUtcNow();
        lock (entry)
        {
            var profile = entry.Registered?.Profile;
            var settings = profile?.Settings ?? RuleSettings.Default;
            var values = new Dictionary<string, ValueLive>(entry.Values.Count, StringComparer.Ordinal);
            var tally = new StationConditionTally();
            foreach (var (code, latest) in entry.Values)
            {
                var limit = profile?.LimitFor(latest.Reading.Parameter);
                var level = LiveJudgement.LevelOf(latest.Reading, limit, settings.ApproachRatio, SeverityScale.Default);
                tally.AddReading(level, latest.Reading.Status);
                values[code] = new ValueLive(latest.Reading.Value, latest.Reading.Parameter.Unit, (int)latest.Reading.Status, ProvinceTime.ToLocal(latest.MeasuredAt),
                    WireName.Of(level), AlertEventView.Finite(limit?.Min), AlertEventView.Finite(limit?.Max));
            }

            foreach (var (rule, severity) in entry.Active.Values)
            {
                tally.AddAlert(rule, severity);
            }

            var condition = tally.Result(entry.LastReceivedAt, now, settings.OfflineAfter);
            var stale = LiveJudgement.IsStale(entry.LastMeasuredAt, now, entry.Registered?.ExpectedInterval ?? LiveJudgement.DefaultExpectedInterval);
            return new StationLive(entry.Park, entry.Station, WireName.Of(condition), WireName.Of(tally.WorstAlert),
                entry.LastMeasuredAt is { } m ? ProvinceTime.ToLocal(m) : null,
                entry.LastReceivedAt is { } r ? ProvinceTime.ToLocal(r) : null,
                stale, entry.Registered is not null, values);
        }
    }

    private sealed class StationEntry(string park, string station, RegisteredStation? registered)
    {
        public string Park { get; } = park;

        public string Station { get; } = station;

        public RegisteredStation? Registered { get; } = registered;

        public DateTimeOffset? LastMeasuredAt { get; set; }

        public DateTimeOffset? LastReceivedAt { get; set; }

        public Dictionary<string, LatestValue> Values { get; } = new(StringComparer.Ordinal);

        public Dictionary<AlertId, (RuleKind Rule, Severity Severity)> Active { get; } = [];
    }

    private readonly record struct LatestValue(Reading Reading, DateTimeOffset MeasuredAt);
}
