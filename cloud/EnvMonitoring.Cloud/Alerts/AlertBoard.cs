using System.Collections.Concurrent;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// The alerts as the API shows them — every unresolved one and the <see cref="RulesOptions.RecentResolved"/>
/// most recently resolved — and the one place the rules loop tells its <see cref="IRulesListener"/>s.
/// Written by the rules loop only; read by any request.
/// </summary>
public sealed class AlertBoard(
    StationRegistry registry,
    ParameterCatalog catalog,
    IEnumerable<IRulesListener> listeners,
    IOptions<RulesOptions> options,
    ILogger<AlertBoard> logger)
{
    private readonly ConcurrentDictionary<string, AlertView> _views = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _resolvedOrder = new();
    private readonly IRulesListener[] _listeners = listeners.ToArray();
    private readonly int _recentResolved = options.Value.RecentResolved;

    /// <summary>Unresolved alerts and the most recently resolved ones, newest first.</summary>
    public IEnumerable<AlertView> Alerts => _views.Values.OrderByDescending(v => v.UpdatedAt);

    public bool TryGet(string id, [NotNullWhen(true)] out AlertView? view) => _views.TryGetValue(id, out view);

    /// <summary>
    /// Shows the replayed books' unresolved alerts and the most recently resolved ones (so that a
    /// restart, or a park taken up, does not empty <c>state=all</c>), and tells the listeners what is active.
    /// </summary>
    public void Rebuilt(RebuiltRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var (park, resolved, view) in rules.RecentlyResolved.Reverse())
        {
            _views[resolved.AlertId.Value] = AlertView.Resolved(view, resolved, park, catalog);
            ForgetOldResolved(resolved.AlertId.Value);
        }

        foreach (var alert in rules.Engines.Values.SelectMany(e => e.Alerts.Unresolved))
        {
            var (storedPark, lastEvent) = rules.LastEvents.GetValueOrDefault(alert.Id);
            _views[alert.Id.Value] = AlertView.Of(alert, ParkOf(alert.Cause.Station, storedPark), lastEvent, catalog);
        }

        var active = rules.Engines.Values.SelectMany(e => e.Alerts.Active).ToList();
        foreach (var listener in _listeners)
        {
            listener.OnRebuilt(active);
        }
    }

    public void Judged(string park, Sample sample)
    {
        foreach (var listener in _listeners)
        {
            listener.OnJudged(park, sample);
        }
    }

    /// <summary>Tells the listeners that the registry changed, once the engine took the change.</summary>
    public void StationsChanged(StationChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var listener in _listeners)
        {
            listener.OnStationsChanged(changes);
        }
    }

    /// <summary>
    /// Shows and tells every event of <paramref name="events"/>, in order, then empties it. A station no
    /// longer in the registry is found in <paramref name="removed"/> (the stations just removed, whose
    /// alerts are being closed), else its alert keeps the park it was shown under.
    /// </summary>
    public void Publish(List<AlertEvent> events, AlertBook book, IReadOnlyList<RegisteredStation>? removed = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(book);
        foreach (var e in events)
        {
            var station = registry.TryGet(e.Cause.Station, out var registered) ? registered
                : removed?.FirstOrDefault(s => string.Equals(s.Station, e.Cause.Station, StringComparison.Ordinal));
            var park = station?.Park ?? _views.GetValueOrDefault(e.AlertId.Value)?.Park ?? "";
            var view = book.TryGet(e.AlertId, out var alert)
                ? AlertView.Of(alert, park, e, catalog)
                : AlertView.Resolved(_views.GetValueOrDefault(e.AlertId.Value), e, park, catalog); // the book has let it go
            _views[e.AlertId.Value] = view;
            if (e.Kind == AlertEventKind.Resolved)
            {
                ForgetOldResolved(e.AlertId.Value);
            }

            AlertsLog.Transition(logger, e);
            var transition = new AlertTransition(park, station, e, view);
            foreach (var listener in _listeners)
            {
                listener.OnTransition(transition);
            }
        }

        events.Clear();
    }

    /// <summary>
    /// Shows an alert another instance judges, as that instance showed it after a transition (its
    /// listeners are told there, not here). An older view than the one shown is ignored.
    /// </summary>
    public void ShowRemote(AlertView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (_views.TryGetValue(view.Id, out var shown) && shown.UpdatedAt > view.UpdatedAt)
        {
            return;
        }

        _views[view.Id] = view;
        if (view.ResolvedBy is not null)
        {
            ForgetOldResolved(view.Id);
        }
    }

    private string ParkOf(string station, string? storedPark) =>
        registry.TryGet(station, out var registered) ? registered.Park : storedPark ?? "";

    private void ForgetOldResolved(string id)
    {
        _resolvedOrder.Enqueue(id);
        while (_resolvedOrder.Count > _recentResolved && _resolvedOrder.TryDequeue(out var old))
        {
            _views.TryRemove(old, out _);
        }
    }
}
