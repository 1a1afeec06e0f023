using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Rules.Alerts;

/// <summary>
/// One transition of an alert, for the audit trail and for rebuilding the open set at start-up
/// (<see cref="AlertBook.Replay"/>): each event carries enough of its alert to stand alone.
/// <see cref="MeasuredAt"/> is when it happened in the data (a reading's measurement time, a
/// local day's end, or the evaluation time for time-driven rules); <see cref="At"/> is when the
/// engine saw it. <see cref="Late"/> marks events found from data older than
/// <see cref="RuleSettings.LateAfter"/>.
/// </summary>
public sealed class AlertEvent
{
    /// <summary>Increases by one per event of the book; orders the replay and removes duplicates.</summary>
    public required long Sequence { get; init; }

    public required AlertId AlertId { get; init; }

    public required AlertCause Cause { get; init; }

    public required AlertEventKind Kind { get; init; }

    /// <summary>The alert's level after the transition (<see cref="Severity.None"/> once cleared).</summary>
    public required Severity Severity { get; init; }

    /// <summary>
    /// Multiple of a one-sided limit behind the transition (a rate's multiple of its maximum); null
    /// for a range limit (pH: see <see cref="Bound"/> and <see cref="Band"/>), user actions and yes/no rules.
    /// </summary>
    public double? Multiple { get; init; }

    /// <summary>The value judged: a reading, a window's mean, a rate per hour or a stuck value; null when none.</summary>
    public double? Value { get; init; }

    public double? LimitMin { get; init; }

    public double? LimitMax { get; init; }

    /// <summary>
    /// The bound the value breaks (within the limit: the nearest), so its limit is <see cref="LimitMin"/>
    /// or <see cref="LimitMax"/>; null for user actions, yes/no rules and events stored before it was recorded.
    /// </summary>
    public LimitBound? Bound { get; init; }

    /// <summary>A range limit's band of the value (Decree 45/2022's pH bands, 1 the nearest); null within the range or without bands.</summary>
    public int? Band { get; init; }

    public required DateTimeOffset MeasuredAt { get; init; }

    /// <summary>
    /// The instant whose legal local day this event speaks of, which every report files it under: a
    /// local-day mean's events carry the end of the day they judge (its next midnight, 00:00 of the
    /// following day), so they belong to the day just before; every other event to its <see cref="MeasuredAt"/>.
    /// </summary>
    public DateTimeOffset JudgedAt => Cause.Rule == RuleKind.LocalDayMean ? MeasuredAt.AddTicks(-1) : MeasuredAt;

    public required DateTimeOffset At { get; init; }

    /// <summary>Measurement time the alert opened at.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>How long the cause must stay gone before the alert clears (longer while it flaps).</summary>
    public required TimeSpan ClearAfter { get; init; }

    public string? User { get; init; }

    public string? Note { get; init; }

    public bool Late { get; init; }

    public override string ToString() => $"#{Sequence} {Kind} {AlertId} {Severity} at {MeasuredAt:O}{(Late ? " (late)" : "")}";
}
