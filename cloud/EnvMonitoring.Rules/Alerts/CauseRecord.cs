namespace EnvMonitoring.Rules.Alerts;

/// <summary>
/// The book's memory of one cause: its active alert, if any, and when its last alert cleared
/// (for flapping). The engine's trackers hold a reference to it, so the common path needs no lookup.
/// </summary>
internal sealed class CauseRecord(AlertCause cause)
{
    public AlertCause Cause { get; } = cause;

    public Alert? Active { get; set; }

    public DateTimeOffset? LastClearedAt { get; set; }

    public TimeSpan LastClearAfter { get; set; }
}
