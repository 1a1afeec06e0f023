namespace EnvMonitoring.Cloud.Annotations;

/// <summary>Why the book refused a step: the annotation is decided already, or the user may not take this step on it.</summary>
public enum AnnotationRefusal
{
    /// <summary>Only a pending annotation can be approved, rejected or withdrawn.</summary>
    NotPending,

    /// <summary>Nobody decides their own annotation.</summary>
    OwnAnnotation,

    /// <summary>Only its author withdraws an annotation.</summary>
    NotAuthor,
}

/// <summary>A step the <see cref="AnnotationBook"/> refused; nothing was written.</summary>
public sealed class AnnotationRefusedException(AnnotationRefusal refusal, string message) : Exception(message)
{
    public AnnotationRefusal Refusal { get; } = refusal;
}
