using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Rules.Alerts;

/// <summary>
/// An alert's current state, as the events so far made it. Active from Opened until Cleared or
/// Resolved; kept in the <see cref="AlertBook"/> until a user resolves it.
/// </summary>
public sealed class Alert
{
    internal Alert(AlertEvent opened)
    {
        Id = opened.AlertId;
        Cause = opened.Cause;
        OpenedAt = opened.MeasuredAt;
        RaisedAt = opened.At;
        OpenedLate = opened.Late;
        ClearAfter = opened.ClearAfter;
        IsActive = true;
        Update(opened);
    }

    public AlertId Id { get; }

    public AlertCause Cause { get; }

    public Severity Severity { get; private set; }

    /// <summary>The worst level the alert reached.</summary>
    public Severity Peak { get; private set; }

    public double? Multiple { get; private set; }

    public double? Value { get; private set; }

    public double? LimitMin { get; private set; }

    public double? LimitMax { get; private set; }

    /// <summary>The bound the latest value is judged against (<see cref="AlertEvent.Bound"/>).</summary>
    public LimitBound? Bound { get; private set; }

    /// <summary>A range limit's band of the latest value (<see cref="AlertEvent.Band"/>).</summary>
    public int? Band { get; private set; }

    /// <summary>The value when the alert first reached its <see cref="Peak"/>.</summary>
    public double? PeakValue { get; private set; }

    /// <summary>The multiple when the alert first reached its <see cref="Peak"/> (null for a range limit).</summary>
    public double? PeakMultiple { get; private set; }

    /// <summary>The bound broken when the alert first reached its <see cref="Peak"/>.</summary>
    public LimitBound? PeakBound { get; private set; }

    public DateTimeOffset OpenedAt { get; }

    public bool OpenedLate { get; }

    /// <summary>When the engine opened it (its Opened event's <see cref="AlertEvent.At"/>): the time acknowledgement is due from.</summary>
    public DateTimeOffset RaisedAt { get; }

    /// <summary>When it was found <see cref="AlertEventKind.Overdue"/> (unacknowledged for too long); null while it was not.</summary>
    public DateTimeOffset? OverdueAt { get; private set; }

    public DateTimeOffset MeasuredAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public TimeSpan ClearAfter { get; }

    public bool IsActive { get; internal set; }

    public string? AcknowledgedBy { get; private set; }

    public string? AcknowledgeNote { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public bool IsAcknowledged => AcknowledgedBy is not null;

    public string? ResolvedBy { get; private set; }

    public string? ResolveNote { get; private set; }

    public bool IsResolved => ResolvedBy is not null;

    internal long LastSequence { get; private set; }

    internal void Update(AlertEvent e)
    {
        LastSequence = e.Sequence;
        UpdatedAt = e.At;
        switch (e.Kind)
        {
            case AlertEventKind.Acknowledged:
                (AcknowledgedBy, AcknowledgeNote, AcknowledgedAt) = (e.User, e.Note, e.At);
                return;
            case AlertEventKind.Overdue:
                OverdueAt = e.At;
                return;
            case AlertEventKind.Resolved:
                (ResolvedBy, ResolveNote, IsActive) = (e.User, e.Note, false);
                return;
            case AlertEventKind.Cleared:
                (IsActive, Severity) = (false, e.Severity);
                break;
            default:
                Severity = e.Severity;
                if (e.Severity > Peak)
                {
                    (Peak, PeakValue, PeakMultiple, PeakBound) = (e.Severity, e.Value, e.Multiple, e.Bound);
                }

                break;
        }

        (Multiple, Value, LimitMin, LimitMax, Bound, Band, MeasuredAt) = (e.Multiple, e.Value, e.LimitMin, e.LimitMax, e.Bound, e.Band, e.MeasuredAt);
    }

    public override string ToString() => $"{Id} {Severity}{(IsActive ? "" : " cleared")}{(IsAcknowledged ? " ack" : "")}";
}
