namespace EnvMonitoring.Rules.Alerts;

/// <summary>A user's acknowledge or resolve that cannot apply (unknown or already resolved alert, missing user or note).</summary>
public class AlertCommandException : Exception
{
    public AlertCommandException(string message)
        : base(message)
    {
    }

    public AlertCommandException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
