namespace EnvMonitoring.Rules.Benchmarks;

/// <summary>A clock the benchmark sets itself, so that reading the time costs what a field read costs and is not what is measured.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
