namespace EnvMonitoring.Cloud.Annotations;

/// <summary>What one step of an annotation's life did.</summary>
public enum AnnotationStepKind
{
    Proposed,
    Approved,
    Rejected,
    Withdrawn,
}

/// <summary>
/// One entry of the <see cref="AnnotationJournal"/>: a step of annotation <see cref="Id"/>, by
/// <see cref="User"/> at <see cref="At"/>, with its note. A proposal carries what is annotated
/// (<see cref="Proposal"/>); a decision or withdrawal names the annotation only. Steps are never
/// changed: the annotation's state is the fold of its steps.
/// </summary>
public sealed record AnnotationStep(string Id, AnnotationStepKind Kind, DateTimeOffset At, string User, string Park, string Station, string? Note)
{
    /// <summary>What a <see cref="AnnotationStepKind.Proposed"/> step annotates; null for every other step.</summary>
    public AnnotationProposal? Proposal { get; init; }
}

/// <summary>What an operator annotates: a parameter over [<see cref="From"/>, <see cref="To"/>), why, and for a laboratory value the value (the parameter's unit).</summary>
public sealed record AnnotationProposal(string Parameter, DateTimeOffset From, DateTimeOffset To, AnnotationReason Reason, double? Value);
