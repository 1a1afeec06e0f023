using EnvMonitoring.Protocol.Retry;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Protocol.Tests.Retry;

public sealed class BackoffTests
{
    private static readonly RetrySchedule Schedule = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));

    [Fact]
    public async Task Waits_each_delay_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var backoff = Schedule.Start(time);

        var first = backoff.WaitNextAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(first.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(250), await first);

        var second = backoff.WaitNextAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(500), await second);
        Assert.Equal(2, backoff.Retries);
    }

    [Fact]
    public void Counts_retries_up_to_the_cap_and_starts_over_after_a_reset()
    {
        var backoff = Schedule.Start(new FakeTimeProvider());

        Assert.Equal(TimeSpan.FromMilliseconds(250), backoff.Upcoming);
        Assert.Equal([250, 500, 1000, 1000], Enumerable.Range(0, 4).Select(_ => backoff.Next().TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Upcoming);

        backoff.Reset();

        Assert.Equal(0, backoff.Retries);
        Assert.Equal(TimeSpan.FromMilliseconds(250), backoff.Next());
    }

    [Fact]
    public async Task A_wait_ends_when_the_loop_is_cancelled()
    {
        var backoff = Schedule.Start(new FakeTimeProvider());
        using var stop = new CancellationTokenSource();

        var wait = backoff.WaitNextAsync(stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
