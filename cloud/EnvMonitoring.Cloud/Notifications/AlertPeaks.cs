using System.Collections.Concurrent;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// The worst level each alert reached, as far as the notifier has seen since start-up, so that
/// a Cleared event (severity None) is routed like the alert it ends. Forgotten when the alert is
/// resolved; bounded (beyond <see cref="Capacity"/> alerts, new ones are judged on what their
/// own events say).
/// </summary>
internal sealed class AlertPeaks
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<AlertId, Severity> _peaks = new();

    public int Count => _peaks.Count;

    /// <summary>Returns the alert's worst level including this notice, and remembers it.</summary>
    public Severity Observe(AlertNotice notice)
    {
        var e = notice.Event;
        var peak = e.Severity;
        if (notice.Peak is { } given && given > peak)
        {
            peak = given;
        }

        if (_peaks.TryGetValue(e.AlertId, out var seen) && seen > peak)
        {
            peak = seen;
        }

        if (e.Kind == AlertEventKind.Resolved)
        {
            _peaks.TryRemove(e.AlertId, out _);
        }
        else if (peak != seen && (_peaks.ContainsKey(e.AlertId) || _peaks.Count < Capacity))
        {
            _peaks[e.AlertId] = peak;
        }

        return peak;
    }
}
