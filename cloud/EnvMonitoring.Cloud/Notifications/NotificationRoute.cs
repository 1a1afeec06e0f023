using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>A receiver's filter: which notices it is sent, decided at once in <see cref="AlertNotifier.Notify"/>.</summary>
internal sealed class NotificationRoute
{
    /// <summary>
    /// What a receiver gets unless it lists kinds: an alert's start, each worsening, its end, its
    /// closing by staff, and the reminder that nobody has acknowledged it (once per alert).
    /// De-escalations and acknowledgements are left out as noise for a phone.
    /// </summary>
    public static readonly IReadOnlyList<AlertEventKind> DefaultKinds =
        [AlertEventKind.Opened, AlertEventKind.Escalated, AlertEventKind.Cleared, AlertEventKind.Resolved, AlertEventKind.Overdue];

    private readonly HashSet<string>? _parks;
    private readonly HashSet<AlertEventKind> _kinds;

    public NotificationRoute(NotificationFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MinSeverity = options.MinSeverity;
        _parks = options.Parks.Count == 0 ? null : new HashSet<string>(options.Parks, StringComparer.Ordinal);
        _kinds = [.. options.Kinds.Count == 0 ? DefaultKinds : options.Kinds];
    }

    public Severity MinSeverity { get; }

    public static string EmailName(EmailRouteOptions route, int index) =>
        string.IsNullOrWhiteSpace(route.Name) ? $"email-{index}" : route.Name;

    /// <param name="notice">The notice.</param>
    /// <param name="peak">The worst level its alert reached, this event included.</param>
    public bool Matches(AlertNotice notice, Severity peak) =>
        peak >= MinSeverity
        && _kinds.Contains(notice.Event.Kind)
        && (_parks is null || _parks.Contains(notice.Park));
}
