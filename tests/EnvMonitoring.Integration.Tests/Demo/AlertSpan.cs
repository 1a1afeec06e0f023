using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Integration.Tests.Demo;

/// <summary>One alert of a run: its cause, its worst level, and when (after the start, engine time) it opened and cleared.</summary>
internal sealed record AlertSpan(AlertCause Cause, Severity Severity, TimeSpan Opened, TimeSpan? Cleared)
{
    public static IReadOnlyList<AlertSpan> Of(IEnumerable<AlertEvent> events, DateTimeOffset start) =>
    [
        .. events.GroupBy(e => e.AlertId).Select(alert => new AlertSpan(
            alert.First().Cause,
            alert.Max(e => e.Severity),
            alert.Single(e => e.Kind == AlertEventKind.Opened).At - start,
            alert.FirstOrDefault(e => e.Kind == AlertEventKind.Cleared)?.At - start)),
    ];
}
