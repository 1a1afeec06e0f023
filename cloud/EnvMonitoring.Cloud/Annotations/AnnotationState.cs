namespace EnvMonitoring.Cloud.Annotations;

/// <summary>Where an annotation stands: the fold of its steps (<see cref="Annotation.Apply"/>).</summary>
public enum AnnotationState
{
    /// <summary>Proposed, waiting for an inspector; no effect.</summary>
    Pending,

    /// <summary>Approved by an inspector: takes effect in annotated figures.</summary>
    Approved,

    /// <summary>Rejected by an inspector (with a note); no effect, still listed.</summary>
    Rejected,

    /// <summary>Withdrawn by its author before a decision; no effect, still listed.</summary>
    Withdrawn,
}
