using EnvMonitoring.Cloud.Relay;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Cloud.Tests.Relay;

/// <summary>
/// The relay's wait for a due time ends once the clock reads it, also when the clock steps while the
/// timer is being armed (a timer counts from the moment it is armed, so it would ring a step late).
/// </summary>
public sealed class RelayClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 8, 1, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(5);

    [Fact]
    public void Ends_when_the_clock_reaches_the_due_time_and_not_before()
    {
        var fake = new FakeTimeProvider(Start);
        var until = new RelayClock(fake).UntilAsync(Start + Wait, CancellationToken.None);

        fake.Advance(Wait - TimeSpan.FromTicks(1));
        Assert.False(until.IsCompleted);
        fake.Advance(TimeSpan.FromTicks(1));
        Assert.True(until.IsCompletedSuccessfully);
    }

    [Fact]
    public void Ends_at_once_when_the_clock_passes_the_due_time_while_the_timer_is_armed()
    {
        var fake = new FakeTimeProvider(Start);
        var until = new RelayClock(new SteppingWhileArming(fake, Wait)).UntilAsync(Start + Wait, CancellationToken.None);

        Assert.True(until.IsCompletedSuccessfully);
    }

    [Fact]
    public void Ends_at_the_due_time_when_the_clock_stepped_part_of_the_way_while_the_timer_was_armed()
    {
        var fake = new FakeTimeProvider(Start);
        var until = new RelayClock(new SteppingWhileArming(fake, TimeSpan.FromMinutes(1))).UntilAsync(Start + Wait, CancellationToken.None);

        Assert.False(until.IsCompleted);
        fake.SetUtcNow(Start + Wait);
        Assert.True(until.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Ends_with_the_token()
    {
        var fake = new FakeTimeProvider(Start);
        using var stop = new CancellationTokenSource();
        var until = new RelayClock(fake).UntilAsync(Start + Wait, stop.Token);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => until);
    }

    /// <summary>A fake clock that steps once, as the first timer is being armed: a test moving the clock while the relay arms its wait.</summary>
    private sealed class SteppingWhileArming(FakeTimeProvider fake, TimeSpan step) : TimeProvider
    {
        private bool _stepped;

        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (!_stepped)
            {
                _stepped = true;
                fake.Advance(step);
            }

            return fake.CreateTimer(callback, state, dueTime, period);
        }
    }
}
