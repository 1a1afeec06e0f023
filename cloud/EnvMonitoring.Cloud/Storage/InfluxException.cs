namespace EnvMonitoring.Cloud.Storage;

/// <summary>InfluxDB answered a query with an error, or could not be reached.</summary>
public sealed class InfluxException : Exception
{
    public InfluxException(string message)
        : base(message)
    {
    }

    public InfluxException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
