namespace EnvMonitoring.Protocol.Retry;

/// <summary>
/// One retry loop's place in a <see cref="RetrySchedule"/>: each failure takes the next delay,
/// a success starts over. Every wait goes through the loop's <see cref="TimeProvider"/>, so a test
/// with a fake clock drives it without sleeping. Not thread-safe: one loop, one cursor.
/// </summary>
public sealed class Backoff(RetrySchedule schedule, TimeProvider time)
{
    private readonly RetrySchedule _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>Retries taken since the last <see cref="Reset"/>.</summary>
    public int Retries { get; private set; }

    /// <summary>The delay the next retry will take before jitter (what to tell people the wait is about).</summary>
    public TimeSpan Upcoming => _schedule.Nominal(Retries + 1);

    /// <summary>Counts a retry and gives its delay.</summary>
    public TimeSpan Next(TimeSpan? retryAfter = null) => _schedule.Delay(++Retries, retryAfter);

    /// <summary>The operation worked: the next failure waits the first delay again.</summary>
    public void Reset() => Retries = 0;

    /// <summary>Waits <paramref name="delay"/> (one from <see cref="Next"/>) on the loop's clock.</summary>
    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, _time, cancellationToken);

    /// <summary>Counts a retry and waits its delay; returns the delay waited.</summary>
    public async Task<TimeSpan> WaitNextAsync(CancellationToken cancellationToken)
    {
        var delay = Next();
        await WaitAsync(delay, cancellationToken);
        return delay;
    }
}
