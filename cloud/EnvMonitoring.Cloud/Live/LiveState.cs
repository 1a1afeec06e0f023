using System.Collections.Concurrent;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Condition;

namespace EnvMonitoring.Cloud.Live;

/// <summary>
/// The latest values of every station and what each is doing now, in memory. One writer (the rules
/// service, which sees every stored sample and every alert transition, in order); any number of
/// readers (hub, API) that take views. The condition is judged from the readings and the clock, not
/// from alerts; an alert transition only marks its station changed, since the time-driven rules
/// (offline, silent) fire just when the clock has moved the station's condition. Stations changed
/// since the last <see cref="DrainChanged"/> are remembered so the hub sends each at most once per
/// coalescing period. When several instances share the parks, a station of a park judged elsewhere
/// is shown as its judge last sent it (<see cref="ShowRemote"/>), and only the parks judged here are
/// drained (their judge sends them to every hub client, through the backplane, and to the other instances).
/// </summary>
public sealed class LiveState : IRulesListener
{
    private readonly ConcurrentDictionary<string, StationEntry> _stations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StationLive> _remote = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _changed = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IParkOwnership _ownership;
    private int _clients;

    public LiveState(StationRegistry registry, IParkOwnership ownership, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(ownership);
        _time = time;
        _ownership = ownership;
        foreach (var station in registry.All)
        {
            _stations[station.Station] = new StationEntry(station.Park, station.Station, station);
        }
    }

    public IEnumerable<string> Stations => _stations.Keys.Union(_remote.Keys);

    public bool Contains(string station) => _stations.ContainsKey(station) || _remote.ContainsKey(station);

    public bool HasPark(string park) => _stations.Values.Any(s => s.Park == park) || _remote.Values.Any(s => s.Park == park);

    /// <summary>The park of a station of the live picture; null for one it does not hold.</summary>
    public string? ParkOf(string station) => _stations.TryGetValue(station, out var entry) ? entry.Park : _remote.TryGetValue(station, out var remote) ? remote.Park : null;

    /// <summary>
    /// Takes the views of stations another instance judges, as it sent them; a newer view replaces an
    /// older one, and a station judged here keeps its own.
    /// </summary>
    public void ShowRemote(IEnumerable<StationLive> views)
    {
        ArgumentNullException.ThrowIfNull(views);
        foreach (var view in views)
        {
            if (!_ownership.Owns(view.Park))
            {
                _remote[view.Station] = view;
            }
        }
    }

    /// <summary>A station is shown from its own entry when judged here (or nobody sent a view of it), else as its judge sent it.</summary>
    private bool Local(StationEntry entry) => _ownership.Owns(entry.Park) || !_remote.ContainsKey(entry.Station);

    void IRulesListener.OnJudged(string park, Sample sample) => Observe(park, sample);

    void IRulesListener.OnTransition(AlertTransition transition) => Apply(transition.Event);

    void IRulesListener.OnStationsChanged(StationChanges changes) => Apply(changes);

    /// <summary>
    /// Takes the registry's change (writer only): a removed station leaves the picture (the API, the
    /// hub's snapshots and updates); an added one joins it, keeping what it sent while unregistered; a
    /// changed one keeps its latest values, judged again against its new limits, and is sent again.
    /// </summary>
    public void Apply(StationChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var removed in changes.Removed)
        {
            _stations.TryRemove(removed.Station, out _);
            _remote.TryRemove(removed.Station, out _);
            _changed.TryRemove(removed.Station, out _);
        }

        var now = _time.GetUtcNow();
        foreach (var registered in changes.Added.Concat(changes.Changed))
        {
            var entry = _stations.GetOrAdd(registered.Station, station => new StationEntry(registered.Park, station, registered));
            lock (entry)
            {
                entry.Register(registered, now);
            }

            _changed[registered.Station] = 0;
        }
    }

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
            var profile = entry.Registered?.Profile;
            var settings = entry.Settings;
            foreach (var reading in sample.Readings)
            {
                if (!entry.Values.TryGetValue(reading.Parameter.Code, out var live))
                {
                    live = new ParameterLive();
                    entry.Values[reading.Parameter.Code] = live;
                }

                live.Update(reading, sample.Timestamp, profile?.LimitFor(reading.Parameter), settings);
            }

            entry.PlanClock(received);
        }

        _changed[sample.Station] = 0;
    }

    /// <summary>Records an alert transition (writer only): its station's view is sent again, the clock having moved it.</summary>
    public void Apply(AlertEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (_stations.ContainsKey(e.Cause.Station))
        {
            _changed[e.Cause.Station] = 0;
        }
    }

    /// <summary>Hub connections now open; with none, changes are dropped without building views.</summary>
    public int Clients => Volatile.Read(ref _clients);

    internal void ClientConnected() => Interlocked.Increment(ref _clients);

    internal void ClientDisconnected() => Interlocked.Decrement(ref _clients);

    /// <summary>The stations changed since the last call, as views (none, and the changes forgotten, while no client listens).</summary>
    public List<StationLive> DrainChanged()
    {
        // Other instances listen too when the parks are shared.
        if (Clients == 0 && !_ownership.Shared)
        {
            _changed.Clear();
            return [];
        }

        // Offline, silent and stale come with the clock, not with a message: send those stations again too.
        var now = _time.GetUtcNow();
        foreach (var (station, entry) in _stations)
        {
            if (_ownership.Owns(entry.Park) && entry.ClockChanged(now))
            {
                lock (entry)
                {
                    entry.PlanClock(now);
                }

                _changed[station] = 0;
            }
        }

        var views = new List<StationLive>(_changed.Count);
        foreach (var station in _changed.Keys)
        {
            if (_changed.TryRemove(station, out _) && _stations.TryGetValue(station, out var entry) && _ownership.Owns(entry.Park))
            {
                views.Add(View(entry));
            }
        }

        return views;
    }

    public StationLive? View(string station) =>
        _stations.TryGetValue(station, out var entry) && Local(entry) ? View(entry) : _remote.GetValueOrDefault(station);

    /// <summary>Views of the stations in a scope: <c>province</c>, <c>park:X</c> or <c>station:Y</c>.</summary>
    public List<StationLive> Views(LiveScope scope)
    {
        var views = new List<StationLive>();
        foreach (var entry in _stations.Values)
        {
            if (scope.Contains(entry.Park, entry.Station) && Local(entry))
            {
                views.Add(View(entry));
            }
        }

        foreach (var remote in _remote.Values)
        {
            if (scope.Contains(remote.Park, remote.Station) && !(_stations.TryGetValue(remote.Station, out var entry) && Local(entry)))
            {
                views.Add(remote);
            }
        }

        return [.. views.OrderBy(v => v.Park, StringComparer.Ordinal).ThenBy(v => v.Station, StringComparer.Ordinal)];
    }

    private StationLive View(StationEntry entry)
    {
        var now = _time.GetUtcNow();
        lock (entry)
        {
            var profile = entry.Registered?.Profile;
            var settings = entry.Settings;
            var values = new Dictionary<string, ValueLive>(entry.Values.Count, StringComparer.Ordinal);
            var tally = new StationConditionTally();
            foreach (var (code, live) in entry.Values)
            {
                // Silence is the clock's: a parameter that stopped reporting while the station goes on.
                var silent = now - live.MeasuredAt > settings.SilentAfter;
                var (condition, since) = silent ? (StationCondition.Silent, live.MeasuredAt) : (live.Condition, live.Since);
                var judged = live.Judgement;
                tally.Add(condition, judged.Level, since);
                var reading = live.Reading;
                var limit = profile?.LimitFor(reading.Parameter);
                var beyond = judged.Level != Severity.None;
                values[code] = new ValueLive(reading.Value, reading.Parameter.Unit, (int)reading.Status, ProvinceTime.ToLocal(live.MeasuredAt),
                    WireName.Of(LiveJudgement.LevelOf(judged.Level)), AlertEventView.Finite(limit?.Min), AlertEventView.Finite(limit?.Max),
                    WireName.Of(condition), ProvinceTime.ToLocal(since))
                {
                    Severity = beyond ? WireName.Of(judged.Level) : null,
                    Bound = beyond && judged.Bound is { } bound ? WireName.Of(bound) : null,
                    Multiple = beyond ? judged.Multiple : null,
                    Band = beyond ? judged.Band : null,
                };
            }

            var (state, stateSince) = tally.Result(entry.LastMeasuredAt, now, settings.OfflineAfter);
            var stale = LiveJudgement.IsStale(entry.LastMeasuredAt, now, entry.Registered?.ExpectedInterval ?? LiveJudgement.DefaultExpectedInterval);
            return new StationLive(entry.Park, entry.Station, WireName.Of(state), WireName.Of(tally.Level),
                stateSince is { } s ? ProvinceTime.ToLocal(s) : null,
                entry.LastMeasuredAt is { } m ? ProvinceTime.ToLocal(m) : null,
                entry.LastReceivedAt is { } r ? ProvinceTime.ToLocal(r) : null,
                stale, entry.Registered is not null, values);
        }
    }
}
