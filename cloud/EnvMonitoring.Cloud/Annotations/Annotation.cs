namespace EnvMonitoring.Cloud.Annotations;

/// <summary>
/// An annotation as it stands now: what its proposal said, who proposed it and when, and the
/// decision (or withdrawal) if any, with its note. Built only by folding steps (<see cref="Apply"/>).
/// </summary>
public sealed record Annotation(
    string Id,
    string Park,
    string Station,
    string Parameter,
    DateTimeOffset From,
    DateTimeOffset To,
    AnnotationReason Reason,
    double? Value,
    string Note,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    AnnotationState State,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionNote)
{
    /// <summary>Whether the annotation covers <paramref name="at"/> ([From, To)).</summary>
    public bool Covers(DateTimeOffset at) => at >= From && at < To;

    /// <summary>Whether the annotation overlaps [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => From < to && To > from;

    /// <summary>
    /// The annotation after <paramref name="step"/>: a proposal starts one (<paramref name="current"/>
    /// null), any other step ends a pending one. A step that does not fit (a second decision, a
    /// decision of an unknown annotation) leaves it unchanged: the book refuses such steps before
    /// they are written, so only a journal edited by hand could hold one.
    /// </summary>
    public static Annotation? Apply(Annotation? current, AnnotationStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Kind == AnnotationStepKind.Proposed)
        {
            return current is null && step.Proposal is { } p
                ? new Annotation(step.Id, step.Park, step.Station, p.Parameter, p.From, p.To, p.Reason, p.Value, step.Note ?? "", step.User, step.At,
                    AnnotationState.Pending, null, null, null)
                : current;
        }

        if (current is not { State: AnnotationState.Pending })
        {
            return current;
        }

        var state = step.Kind switch
        {
            AnnotationStepKind.Approved => AnnotationState.Approved,
            AnnotationStepKind.Rejected => AnnotationState.Rejected,
            _ => AnnotationState.Withdrawn,
        };
        return current with { State = state, DecidedBy = step.User, DecidedAt = step.At, DecisionNote = step.Note };
    }
}
