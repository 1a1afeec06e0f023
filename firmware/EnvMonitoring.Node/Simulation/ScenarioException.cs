namespace EnvMonitoring.Node.Simulation;

/// <summary>A scenario file that cannot be used, with a message saying where and why.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException()
    {
    }

    public ScenarioException(string message)
        : base(message)
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
