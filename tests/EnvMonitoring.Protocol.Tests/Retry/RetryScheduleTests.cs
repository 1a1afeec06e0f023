using EnvMonitoring.Protocol.Retry;

namespace EnvMonitoring.Protocol.Tests.Retry;

public sealed class RetryScheduleTests
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    [Fact]
    public void Without_jitter_each_retry_doubles_the_delay_up_to_the_cap()
    {
        var schedule = new RetrySchedule(First, Max);

        var delays = Enumerable.Range(1, 8).Select(retry => schedule.Delay(retry).TotalMilliseconds);

        Assert.Equal([100, 200, 400, 800, 1600, 3200, 5000, 5000], delays);
    }

    [Fact]
    public void A_very_long_outage_stays_at_the_cap()
    {
        var schedule = new RetrySchedule(First, Max);

        Assert.Equal(Max, schedule.Delay(int.MaxValue));
    }

    [Theory]
    [InlineData(0.0, 1, 50)]
    [InlineData(0.5, 1, 100)]
    [InlineData(0.999, 1, 149.9)]
    [InlineData(0.0, 3, 200)]
    [InlineData(0.999, 3, 599.6)]
    public void Jitter_draws_between_half_and_one_and_a_half_of_the_nominal_delay(double random, int retry, double expectedMs)
    {
        var schedule = new RetrySchedule(First, Max, jitter: 0.5, random: () => random);

        Assert.Equal(expectedMs, schedule.Delay(retry).TotalMilliseconds, 3);
    }

    [Fact]
    public void Jitter_never_goes_past_the_cap()
    {
        var schedule = new RetrySchedule(First, Max, jitter: 0.5, random: () => 0.999);

        Assert.Equal(Max, schedule.Delay(10));
    }

    [Fact]
    public void A_receivers_Retry_After_is_honoured_up_to_the_cap()
    {
        var schedule = new RetrySchedule(First, Max, jitter: 0.5, random: () => 0.5);

        Assert.Equal(TimeSpan.FromSeconds(3), schedule.Delay(1, TimeSpan.FromSeconds(3)));
        Assert.Equal(Max, schedule.Delay(1, TimeSpan.FromMinutes(10)));
        Assert.Equal(TimeSpan.FromMilliseconds(400), schedule.Delay(3, TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public void A_cap_below_the_first_delay_makes_every_delay_the_cap()
    {
        var schedule = new RetrySchedule(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(100));

        Assert.Equal(TimeSpan.FromMilliseconds(100), schedule.Delay(1));
        Assert.Equal(TimeSpan.FromMilliseconds(100), schedule.Delay(5));
    }

    [Fact]
    public void Retries_count_from_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrySchedule(First, Max).Delay(0));

    [Theory]
    [InlineData(0, 1000, 0)]
    [InlineData(100, 0, 0)]
    [InlineData(100, 1000, -0.1)]
    [InlineData(100, 1000, 1.5)]
    public void Refuses_a_schedule_that_cannot_work(int firstMs, int maxMs, double jitter) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrySchedule(TimeSpan.FromMilliseconds(firstMs), TimeSpan.FromMilliseconds(maxMs), jitter));
}
