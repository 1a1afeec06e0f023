namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// A regulation file that cannot be used, or a station whose limits cannot be derived from one,
/// with a message naming the problem and what to do about it.
/// </summary>
public sealed class RegulationException : Exception
{
    public RegulationException(string message)
        : base(message)
    {
    }

    public RegulationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
