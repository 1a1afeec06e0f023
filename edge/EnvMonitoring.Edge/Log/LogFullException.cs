namespace EnvMonitoring.Edge.Log;

/// <summary>The local log reached its disk cap: new samples are refused (never dropped silently) until the cloud catches up.</summary>
public sealed class LogFullException : Exception
{
    public LogFullException(string message)
        : base(message)
    {
    }

    public LogFullException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
