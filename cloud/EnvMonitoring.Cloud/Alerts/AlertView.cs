using System.Text.Json;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>An alert as the API and the hub show it (docs/live.md, AlertView).</summary>
public sealed record AlertView(
    string Id,
    string Park,
    string Station,
    string? Parameter,
    string Rule,
    string Severity,
    string Peak,
    double? Multiple,
    double? Value,
    double? LimitMin,
    double? LimitMax,
    string? Unit,
    DateTimeOffset OpenedAt,
    DateTimeOffset MeasuredAt,
    DateTimeOffset UpdatedAt,
    bool Active,
    bool Late,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgeNote,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolveNote,
    string LastEvent)
{
    public static AlertView Of(Alert alert, string park, AlertEvent? last, ParameterCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(catalog);
        var unit = alert.Cause.Parameter is { } code && catalog.TryGet(code, out var parameter) ? parameter.Unit : null;
        return new AlertView(
            alert.Id.Value, park, alert.Cause.Station, alert.Cause.Parameter, RuleName(alert.Cause.Rule),
            SeverityName(alert.Severity), SeverityName(alert.Peak), alert.Multiple, alert.Value, alert.LimitMin, alert.LimitMax, unit,
            ProvinceTime.ToLocal(alert.OpenedAt), ProvinceTime.ToLocal(alert.MeasuredAt), ProvinceTime.ToLocal(alert.UpdatedAt),
            alert.IsActive, alert.OpenedLate || last?.Late == true,
            alert.AcknowledgedBy, alert.AcknowledgedAt is { } acknowledged ? ProvinceTime.ToLocal(acknowledged) : null, alert.AcknowledgeNote,
            alert.ResolvedBy, alert.IsResolved && last?.Kind == AlertEventKind.Resolved ? ProvinceTime.ToLocal(last.At) : null, alert.ResolveNote,
            last is null ? (alert.IsResolved ? "resolved" : "opened") : EventName(last.Kind));
    }

    public static string SeverityName(Severity severity) => severity.ToString().ToLowerInvariant();

    public static string RuleName(RuleKind rule) => JsonNamingPolicy.CamelCase.ConvertName(rule.ToString());

    public static string EventName(AlertEventKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    public static bool TryParseSeverity(string? text, out Severity severity) =>
        Enum.TryParse(text, ignoreCase: true, out severity) && Enum.IsDefined(severity) && !int.TryParse(text, out _);
}
