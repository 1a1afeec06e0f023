namespace EnvMonitoring.Rules.Alerts;

/// <summary>
/// A user tried to resolve an alert whose cause is still active: a rule still watches it and it has
/// not cleared. Resolving would only close the record while the data still says the same, and a new
/// alert would open at the next reading; acknowledging is how staff say they are on it.
/// </summary>
public sealed class AlertCauseActiveException : AlertCommandException
{
    public AlertCauseActiveException(Alert alert)
        : base(MessageFor(alert))
    {
        AlertId = alert.Id;
    }

    public AlertId AlertId { get; }

    private static string MessageFor(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return $"Alert {alert.Id} cannot be resolved while its cause is still active (severity {alert.Severity}, last seen in the data at {alert.MeasuredAt:O}); "
            + $"it clears by itself once the cause has stayed away for {alert.ClearAfter}. Acknowledge it to show that it is being handled, and resolve it once it has cleared.";
    }
}
