namespace EnvMonitoring.Cloud.Relay;

/// <summary>The relay's sense of time: when an interval is closed and how long a retry waits (a test's fake clock drives it).</summary>
public sealed class RelayClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();
}
