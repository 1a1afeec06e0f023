namespace EnvMonitoring.Benchmarks;

/// <summary>
/// A scenario could not produce a trustworthy figure: data did not land, a server refused or died,
/// or nothing moved for too long. The run stops and exits non-zero.
/// </summary>
internal sealed class BenchFailedException : Exception
{
    public BenchFailedException(string message)
        : base(message)
    {
    }

    public BenchFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
