namespace EnvMonitoring.Cloud.Rollups;

/// <summary>
/// What the rollup service has done: <see cref="CompleteBefore"/> is the time its last full pass
/// started, so every hour and local day that ended by then is rolled up (late data that arrived
/// after it waits for the next pass). Null until the first pass ends: readers aggregate raw data.
/// </summary>
public sealed class RollupStatus
{
    private long _completeBefore = long.MinValue;

    public DateTimeOffset? CompleteBefore
    {
        get
        {
            var ticks = Interlocked.Read(ref _completeBefore);
            return ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public DateTimeOffset? LastPassEndedAt { get; private set; }

    public long Passes { get; private set; }

    public long HoursRecomputed { get; private set; }

    public long DaysRecomputed { get; private set; }

    public string? LastError { get; private set; }

    internal void PassCompleted(DateTimeOffset startedAt, DateTimeOffset endedAt, int hours, int days)
    {
        Interlocked.Exchange(ref _completeBefore, startedAt.UtcTicks);
        LastPassEndedAt = endedAt;
        Passes++;
        HoursRecomputed += hours;
        DaysRecomputed += days;
        LastError = null;
    }

    internal void PassFailed(string error) => LastError = error;
}
