using EnvMonitoring.Cloud.Backtest;

namespace EnvMonitoring.Cloud.Tests.Backtest;

/// <summary>The back-test's range: absolute times, times relative to now, and the last hour by default.</summary>
public sealed class BacktestArgumentsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_from_and_to_the_range_is_the_last_hour()
    {
        var arguments = BacktestArguments.Parse(["--station", "YB-WWTP-01"], Now);

        Assert.Equal(Now, arguments.To);
        Assert.Equal(Now.AddHours(-1), arguments.From);
    }

    [Theory]
    [InlineData("now-90s", 90)]
    [InlineData("now-30m", 30 * 60)]
    [InlineData("now-6h", 6 * 3600)]
    [InlineData("now-2d", 2 * 86400)]
    public void From_may_count_back_from_now(string from, int seconds)
    {
        var arguments = BacktestArguments.Parse(["--station", "S", "--from", from, "--to", "now"], Now);

        Assert.Equal(Now.AddSeconds(-seconds), arguments.From);
        Assert.Equal(Now, arguments.To);
    }

    [Fact]
    public void Without_from_the_hour_before_an_absolute_to()
    {
        var arguments = BacktestArguments.Parse(["--station", "S", "--to", "2026-11-30T08:00"], Now);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.FromHours(7)), arguments.From);
    }

    [Theory]
    [InlineData("now-")]
    [InlineData("now-5")]
    [InlineData("now-5w")]
    [InlineData("now-0h")]
    [InlineData("now+1h")]
    [InlineData("now--1h")]
    public void A_relative_time_that_does_not_parse_is_a_usage_error_naming_the_forms(string from)
    {
        var error = Assert.Throws<BacktestUsageException>(() => BacktestArguments.Parse(["--station", "S", "--from", from], Now));

        Assert.Contains($"'{from}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("now-30m", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_station_is_still_required()
    {
        var error = Assert.Throws<BacktestUsageException>(() => BacktestArguments.Parse(["--from", "now-1h"], Now));

        Assert.StartsWith("--station is required.", error.Message, StringComparison.Ordinal);
    }
}
