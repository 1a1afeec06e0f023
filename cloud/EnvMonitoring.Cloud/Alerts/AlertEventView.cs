using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Alerts;

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
/// <param name="Multiple">Multiple of the limit; null when there is none or it is not finite (a limit of 0).</param>
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
    public static AlertEventView Of(AlertEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new AlertEventView(
            e.Sequence, ProvinceTime.ToLocal(e.At), WireName.Of(e.Kind), e.AlertId.Value, e.Cause.Station, e.Cause.Parameter,
            WireName.Of(e.Cause.Rule), WireName.Of(e.Severity), Finite(e.Multiple), Finite(e.Value), Finite(e.LimitMin), Finite(e.LimitMax),
            ProvinceTime.ToLocal(e.MeasuredAt), ProvinceTime.ToLocal(e.OpenedAt), e.Late, e.User, e.Note);
    }

    /// <summary>
    /// JSON has no infinity: a one-sided limit (<c>LimitShape</c> makes the open side ±∞) or a
    /// multiple against a limit of zero is written as null — unknown or none, never a broken body.
    /// </summary>
    internal static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
