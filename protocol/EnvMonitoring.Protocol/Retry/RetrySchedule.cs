namespace EnvMonitoring.Protocol.Retry;

/// <summary>
/// Exponential backoff, the one way every component waits before trying again (a broker, InfluxDB,
/// a webhook): the n-th retry waits <see cref="First"/> × 2^(n−1), never longer than
/// <see cref="Max"/>. With a <see cref="Jitter"/> fraction j the delay is drawn between (1−j) and
/// (1+j) of that, still capped, so that senders coming back after one outage do not all hit the
/// receiver at once. A receiver's Retry-After is honoured up to the same cap.
/// </summary>
public sealed class RetrySchedule
{
    private readonly Func<double> _random;

    /// <param name="first">The wait before the first retry.</param>
    /// <param name="max">The longest wait, whatever the retry count or the receiver asks for; below <paramref name="first"/> every wait is <paramref name="max"/>.</param>
    /// <param name="jitter">0 for exact delays; at most 1.</param>
    /// <param name="random">A source of [0, 1) numbers for the jitter; <see cref="Random.Shared"/> when null.</param>
    public RetrySchedule(TimeSpan first, TimeSpan max, double jitter = 0, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(first, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(max, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, 1);
        First = first;
        Max = max;
        Jitter = jitter;
        _random = random ?? Random.Shared.NextDouble;
    }

    public TimeSpan First { get; }

    public TimeSpan Max { get; }

    public double Jitter { get; }

    /// <summary>The delay before retry <paramref name="retry"/> without jitter: First × 2^(retry−1), capped.</summary>
    /// <param name="retry">1 for the first retry.</param>
    public TimeSpan Nominal(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var doublings = Math.Min(retry - 1, 30);
        return TimeSpan.FromTicks((long)Math.Min(First.Ticks * Math.Pow(2, doublings), Max.Ticks));
    }

    /// <summary>The delay before retry <paramref name="retry"/>, jittered and capped; at least what the receiver asked for.</summary>
    /// <param name="retry">1 for the first retry.</param>
    /// <param name="retryAfter">What the receiver asked for (HTTP Retry-After), if anything.</param>
    public TimeSpan Delay(int retry, TimeSpan? retryAfter = null)
    {
        double ticks = Nominal(retry).Ticks;
        if (Jitter > 0)
        {
            ticks = Math.Min(ticks * (1 - Jitter + (2 * Jitter * _random())), Max.Ticks);
        }

        if (retryAfter is { } asked && asked.Ticks > ticks)
        {
            ticks = Math.Min(asked.Ticks, Max.Ticks);
        }

        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>A cursor over this schedule for one retry loop, waiting on <paramref name="time"/>.</summary>
    public Backoff Start(TimeProvider time) => new(this, time);
}
