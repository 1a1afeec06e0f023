using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// An alert as the API and the hub show it (docs/live.md, AlertView). <see cref="OverdueAt"/>: when
/// it was found unacknowledged for too long (<see cref="RulesOptions.AcknowledgeWithin"/>), else null.
/// </summary>
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
    string LastEvent,
    DateTimeOffset? OverdueAt = null)
{
    /// <summary>The bound the latest value is judged against, <c>lower</c> or <c>upper</c> (<see cref="AlertEventView.Bound"/>).</summary>
    public string? Bound { get; init; }

    /// <summary>That bound's value.</summary>
    public double? Limit { get; init; }

    /// <summary>A range limit's band of the latest value (<see cref="AlertEventView.Band"/>).</summary>
    public int? Band { get; init; }

    /// <summary>The value when the alert first reached its peak level.</summary>
    public double? PeakValue { get; init; }

    /// <summary>The multiple then (null for a range limit).</summary>
    public double? PeakMultiple { get; init; }

    /// <summary>The bound broken then, and its value: what the alert was at its worst, e.g. "pH 4.5 &lt; 6".</summary>
    public string? PeakBound { get; init; }

    public double? PeakLimit { get; init; }

    /// <summary>The alert after <paramref name="last"/>, its latest transition (null only for an alert rebuilt without one).</summary>
    public static AlertView Of(Alert alert, string park, AlertEvent? last, ParameterCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(catalog);
        var (bound, limit) = AlertEventView.BoundOf(alert.Bound, alert.LimitMin, alert.LimitMax);
        var (peakBound, peakLimit) = AlertEventView.BoundOf(alert.PeakBound, alert.LimitMin, alert.LimitMax);
        return new AlertView(
            alert.Id.Value, park, alert.Cause.Station, alert.Cause.Parameter, WireName.Of(alert.Cause.Rule),
            WireName.Of(alert.Severity), WireName.Of(alert.Peak), AlertEventView.MultipleOf(alert.Multiple, alert.LimitMin, alert.LimitMax), AlertEventView.Finite(alert.Value),
            AlertEventView.Finite(alert.LimitMin), AlertEventView.Finite(alert.LimitMax), UnitOf(alert.Cause.Parameter, catalog),
            ProvinceTime.ToLocal(alert.OpenedAt), ProvinceTime.ToLocal(alert.MeasuredAt), ProvinceTime.ToLocal(alert.UpdatedAt),
            alert.IsActive, alert.OpenedLate || last?.Late == true,
            alert.AcknowledgedBy, alert.AcknowledgedAt is { } acknowledged ? ProvinceTime.ToLocal(acknowledged) : null, alert.AcknowledgeNote,
            alert.ResolvedBy, alert.IsResolved && last?.Kind == AlertEventKind.Resolved ? ProvinceTime.ToLocal(last.At) : null, alert.ResolveNote,
            last is null ? WireName.Of(alert.IsResolved ? AlertEventKind.Resolved : AlertEventKind.Opened) : WireName.Of(last.Kind),
            alert.OverdueAt is { } overdue ? ProvinceTime.ToLocal(overdue) : null)
        {
            Bound = bound,
            Limit = limit,
            Band = alert.Band,
            PeakValue = AlertEventView.Finite(alert.PeakValue),
            PeakMultiple = AlertEventView.MultipleOf(alert.PeakMultiple, alert.LimitMin, alert.LimitMax),
            PeakBound = peakBound,
            PeakLimit = peakLimit,
        };
    }

    /// <summary>
    /// The alert once <paramref name="resolved"/> has let it leave the book: the last view with the
    /// resolution (the board's, or the one stored with the event, <see cref="StoredAlertEvent"/>), or —
    /// with no view kept — what the event itself says.
    /// </summary>
    public static AlertView Resolved(AlertView? previous, AlertEvent resolved, string park, ParameterCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(catalog);
        var e = AlertEventView.Of(resolved);
        return previous is not null
            ? previous with { Active = false, ResolvedBy = e.User, ResolvedAt = e.At, ResolveNote = e.Note, UpdatedAt = e.At, LastEvent = e.Event }
            : new AlertView(e.AlertId, park, e.Station, e.Parameter, e.Rule, e.Severity, e.Severity, e.Multiple, e.Value, e.LimitMin, e.LimitMax,
                UnitOf(e.Parameter, catalog), e.OpenedAt, e.MeasuredAt, e.At, false, e.Late, null, null, null, e.User, e.At, e.Note, e.Event)
            {
                Bound = e.Bound,
                Limit = e.Limit,
                Band = e.Band,
            };
    }

    private static string? UnitOf(string? parameter, ParameterCatalog catalog) =>
        parameter is { } code && catalog.TryGet(code, out var known) ? known.Unit : null;
}
