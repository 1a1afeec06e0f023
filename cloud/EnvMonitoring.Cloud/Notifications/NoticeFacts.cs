using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>What both channels say about a notice, worked out once: unit, local times, the alert's link.</summary>
internal static class NoticeFacts
{
    public static string? Unit(AlertNotice notice)
    {
        if (notice.Unit is not null)
        {
            return notice.Unit;
        }

        return notice.Event.Cause.Parameter is { } code && ParameterCatalog.Default.TryGet(code, out var parameter) && parameter.Unit != "-"
            ? parameter.Unit
            : null;
    }

    /// <summary>The province's legal time (UTC+7), as the dashboard shows it.</summary>
    public static DateTimeOffset Local(DateTimeOffset instant) => ProvinceTime.ToLocal(instant);

    /// <summary><c>{DashboardUrl}/#/alerts/{id}</c> with the id escaped, or null without a dashboard address.</summary>
    public static Uri? Link(AlertNotice notice) =>
        notice.DashboardUrl is { } dashboard
            ? new Uri($"{dashboard.AbsoluteUri.TrimEnd('/')}/#/alerts/{Uri.EscapeDataString(notice.Event.AlertId.Value)}")
            : null;
}
