namespace EnvMonitoring.Rules.Alerts;

/// <summary>The transitions of an alert's life; each is one <see cref="AlertEvent"/>.</summary>
public enum AlertEventKind : byte
{
    /// <summary>The cause appeared: a new alert, active.</summary>
    Opened,

    /// <summary>The multiple rose into a higher level (immediately).</summary>
    Escalated,

    /// <summary>The multiple stayed below a lower level's hysteresis for the clear time.</summary>
    DeEscalated,

    /// <summary>The cause stayed gone (hysteresis) for the clear time: the alert is no longer active.</summary>
    Cleared,

    /// <summary>A named user saw it (optionally with a note). The alert stays as it is.</summary>
    Acknowledged,

    /// <summary>A named user closed it with a note, once its cause was gone (or no rule watches it any more).</summary>
    Resolved,

    /// <summary>
    /// Nobody acknowledged the active alert within <see cref="Engine.RuleEngine.AcknowledgeWithin"/> of
    /// its opening: it is told once more (once per alert). The alert stays as it is.
    /// </summary>
    Overdue,
}
