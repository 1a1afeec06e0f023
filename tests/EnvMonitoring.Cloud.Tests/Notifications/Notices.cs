using EnvMonitoring.Cloud.Notifications;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>Alert events as the rules engine makes them, for one test's own stations.</summary>
internal static class Notices
{
    /// <summary>30/11/2026 18:05:00 in Thai Nguyen (11:05 UTC).</summary>
    public static readonly DateTimeOffset MeasuredAt = new(2026, 11, 30, 11, 5, 0, TimeSpan.Zero);

    public static AlertNotice Cod(
        string park,
        string station,
        AlertEventKind kind,
        Severity severity,
        double? multiple,
        long sequence,
        long openedSequence = 0,
        RuleKind rule = RuleKind.Instantaneous,
        string? parameter = "COD",
        string? user = null,
        string? note = null)
    {
        var cause = new AlertCause(station, parameter, rule);
        var opened = openedSequence == 0 ? sequence : openedSequence;
        var e = new AlertEvent
        {
            Sequence = sequence,
            AlertId = new AlertId($"{cause}/{opened}"),
            Cause = cause,
            Kind = kind,
            Severity = severity,
            Multiple = multiple,
            Value = multiple * 135,
            LimitMax = parameter is null ? null : 135,
            MeasuredAt = MeasuredAt.AddMinutes(sequence - opened),
            At = MeasuredAt.AddMinutes(sequence - opened).AddSeconds(2),
            OpenedAt = MeasuredAt,
            ClearAfter = TimeSpan.FromMinutes(15),
            User = user,
            Note = note,
        };
        return new AlertNotice(park, station, e, StationName: "Nhà máy XLNT tập trung Yên Bình");
    }
}
