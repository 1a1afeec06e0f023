namespace EnvMonitoring.Cloud.Relay;

/// <summary>The relay's sense of time: when an interval is closed and how long a retry waits (a test's fake clock drives it).</summary>
public sealed class RelayClock(TimeProvider time)
{
    /// <summary>
    /// How far the clock may move while a timer is being armed before the timer is armed again: a
    /// timer counts from the moment it is armed, so one armed while the clock steps (a test's fake
    /// clock) would ring that step late, or never if the clock then stands still. A real clock moves
    /// microseconds meanwhile; a step within the slack makes the timer ring at most that late.
    /// </summary>
    private static readonly TimeSpan ArmingSlack = TimeSpan.FromMilliseconds(1);

    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>
    /// Completes once the clock reads <paramref name="due"/> or later, whenever and however far it
    /// moves meanwhile: at once if it is there already, including when it got there while the timer
    /// was being armed.
    /// </summary>
    public async Task UntilAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        while (Now is var now && now < due)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(due - now, Time, timer.Token);
            if (Now - now <= ArmingSlack)
            {
                await delay;
            }
            else
            {
                // Armed while the clock stepped: it would count from after the step. Dropped, and armed again from the new reading.
                timer.Cancel();
            }
        }
    }
}
