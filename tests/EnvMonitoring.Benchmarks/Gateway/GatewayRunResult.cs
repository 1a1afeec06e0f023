namespace EnvMonitoring.Benchmarks.Gateway;

/// <summary>One gateway run: readings acknowledged to nodes per second, and the log's flushes.</summary>
internal sealed record GatewayRunResult(bool Durable, int Samples, int Readings, double ElapsedSeconds, long Commits)
{
    public double ReadingsPerSecond => Readings / ElapsedSeconds;

    public double SamplesPerSecond => Samples / ElapsedSeconds;

    public double CommitsPerSecond => Commits / ElapsedSeconds;
}
