namespace EnvMonitoring.Cloud.Backtest;

/// <summary>
/// The back-test's time: data time, moved forward by the run to each sample's measurement time and
/// to each tick, never back, so the engine judges history as it would have judged it live.
/// </summary>
internal sealed class BacktestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void AdvanceTo(DateTimeOffset instant)
    {
        if (instant > _now)
        {
            _now = instant;
        }
    }
}
