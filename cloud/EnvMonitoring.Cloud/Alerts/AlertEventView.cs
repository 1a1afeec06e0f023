using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// One alert transition as everything outside the host sees it — the API's event list, webhooks,
/// e-mails, the back-test's JSON and the compliance report — worked out once: names by
/// <see cref="WireName"/>, times in the province's offset, and numbers that JSON can carry.
/// </summary>
/// <param name="Sequence">The event's number in the alert book; orders events and removes duplicates.</param>
/// <param name="At">When the engine saw it.</param>
/// <param name="Event">What happened: <c>opened</c>, <c>escalated</c>, <c>deEscalated</c>, <c>cleared</c>, <c>acknowledged</c>, <c>resolved</c>.</param>
/// <param name="AlertId">The alert, <c>{station}/{parameter}/{rule}/{number}</c>.</param>
/// <param name="Station">The station id.</param>
/// <param name="Parameter">The parameter code; null for a station-wide rule.</param>
/// <param name="Rule">The rule, e.g. <c>hourlyMean</c>.</param>
/// <param name="Severity">The level after the transition, e.g. <c>from1point5</c>.</param>
/// <param name="Multiple">Multiple of a one-sided limit; null for a range limit (pH: <see cref="Bound"/>), when there is none or it is not finite (a limit of 0).</param>
/// <param name="Value">The value judged; null when none.</param>
/// <param name="LimitMin">The lower limit; null when there is none (an unbounded side is never written as infinity).</param>
/// <param name="LimitMax">The upper limit; null when there is none.</param>
/// <param name="MeasuredAt">When it happened in the data.</param>
/// <param name="OpenedAt">The measurement time the alert opened at.</param>
/// <param name="Late">Found from data that arrived late.</param>
/// <param name="User">Who acknowledged or resolved; null for the engine's own transitions.</param>
/// <param name="Note">The user's note.</param>
public sealed record AlertEventView(
    long Sequence,
    DateTimeOffset At,
    string Event,
    string AlertId,
    string Station,
    string? Parameter,
    string Rule,
    string Severity,
    double? Multiple,
    double? Value,
    double? LimitMin,
    double? LimitMax,
    DateTimeOffset MeasuredAt,
    DateTimeOffset OpenedAt,
    bool Late,
    string? User,
    string? Note)
{
    /// <summary>The bound the value breaks (within the limit: the nearest), <c>lower</c> or <c>upper</c>; null when none (user actions, yes/no rules, older events).</summary>
    public string? Bound { get; init; }

    /// <summary>That bound's value: pH 4.5 under 6–9 breaks 6.</summary>
    public double? Limit { get; init; }

    /// <summary>A range limit's band of the value (Decree 45/2022's pH bands, 1 the nearest); null within the range or for a one-sided limit.</summary>
    public int? Band { get; init; }

    public static AlertEventView Of(AlertEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var (bound, limit) = BoundOf(e.Bound, e.LimitMin, e.LimitMax);
        return new AlertEventView(
            e.Sequence, ProvinceTime.ToLocal(e.At), WireName.Of(e.Kind), e.AlertId.Value, e.Cause.Station, e.Cause.Parameter,
            WireName.Of(e.Cause.Rule), WireName.Of(e.Severity), MultipleOf(e.Multiple, e.LimitMin, e.LimitMax), Finite(e.Value), Finite(e.LimitMin), Finite(e.LimitMax),
            ProvinceTime.ToLocal(e.MeasuredAt), ProvinceTime.ToLocal(e.OpenedAt), e.Late, e.User, e.Note)
        {
            Bound = bound,
            Limit = limit,
            Band = e.Band,
        };
    }

    /// <summary>
    /// A multiple as shown: none for a range limit, which has no multiple — events stored before
    /// ranges were judged by their bound carry a made-up one (distance from the range's middle).
    /// </summary>
    internal static double? MultipleOf(double? multiple, double? limitMin, double? limitMax) =>
        Finite(limitMin) is not null && Finite(limitMax) is not null ? null : Finite(multiple);

    /// <summary>A bound's wire name and its limit value; none when the bound is unknown or its side has no finite limit.</summary>
    internal static (string? Bound, double? Limit) BoundOf(LimitBound? bound, double? limitMin, double? limitMax) =>
        (bound, Finite(limitMin), Finite(limitMax)) switch
        {
            (LimitBound.Lower, { } min, _) => (WireName.Of(LimitBound.Lower), min),
            (LimitBound.Upper, _, { } max) => (WireName.Of(LimitBound.Upper), max),
            _ => (null, null),
        };

    /// <summary>
    /// JSON has no infinity: a one-sided limit (<c>LimitShape</c> makes the open side ±∞) or a
    /// multiple against a limit of zero is written as null — unknown or none, never a broken body.
    /// </summary>
    internal static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
