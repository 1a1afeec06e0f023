namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// Jittered exponential backoff: the n-th retry waits about FirstRetryDelay × 2^(n−1), drawn
/// between half and one and a half of that so that receivers coming back are not hit by every
/// sender at once, and never longer than MaxRetryDelay. A receiver's Retry-After is honoured up to
/// the same cap.
/// </summary>
internal sealed class RetrySchedule(TimeSpan first, TimeSpan max, Func<double> random)
{
    public RetrySchedule(NotificationOptions options)
        : this(options.FirstRetryDelay, options.MaxRetryDelay, Random.Shared.NextDouble)
    {
    }

    /// <param name="retry">1 for the first retry.</param>
    /// <param name="retryAfter">What the receiver asked for, if anything.</param>
    public TimeSpan Delay(int retry, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var doublings = Math.Min(retry - 1, 30);
        var nominal = Math.Min(first.Ticks * Math.Pow(2, doublings), max.Ticks);
        var ticks = Math.Min(nominal * (0.5 + random()), max.Ticks);
        if (retryAfter is { } asked && asked.Ticks > ticks)
        {
            ticks = Math.Min(asked.Ticks, max.Ticks);
        }

        return TimeSpan.FromTicks((long)ticks);
    }
}
