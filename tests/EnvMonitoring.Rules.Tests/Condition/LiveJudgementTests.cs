using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Condition;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Tests.Condition;

/// <summary>The live picture's judgement: the same limit shape and scale as the engine's alerts.</summary>
public sealed class LiveJudgementTests
{
    private static readonly Parameter Cod = ParameterCatalog.Default["COD"];
    private static readonly Parameter Ph = ParameterCatalog.Default["pH"];
    private static readonly ParameterLimit CodMax = new(Cod, null, 100, LimitSource.Regulation, Confidence.Confirmed, "test");
    private static readonly ParameterLimit PhRange = new(Ph, 6, 9, LimitSource.Regulation, Confidence.Confirmed, "test");

    [Theory]
    [InlineData(79.9, ValueLevel.Normal)]
    [InlineData(80, ValueLevel.Approaching)]
    [InlineData(100, ValueLevel.Approaching)] // equal to its limit complies
    [InlineData(100.01, ValueLevel.Exceeding)]
    public void Upper_limit_levels_follow_the_approach_ratio_and_the_limit(double value, ValueLevel expected) =>
        Assert.Equal(expected, LiveJudgement.LevelOf(new Reading(Cod, value), CodMax, 0.8, SeverityScale.Default));

    [Theory]
    [InlineData(7.5, ValueLevel.Normal)]
    [InlineData(8.8, ValueLevel.Approaching)] // within (1 - 0.8) of half the width of a bound, as the engine's approaching alert
    [InlineData(6.2, ValueLevel.Approaching)]
    [InlineData(5.9, ValueLevel.Exceeding)]
    [InlineData(9.1, ValueLevel.Exceeding)]
    public void Range_limit_levels_follow_the_distance_to_the_nearest_bound(double value, ValueLevel expected) =>
        Assert.Equal(expected, LiveJudgement.LevelOf(new Reading(Ph, value), PhRange, 0.8, SeverityScale.Default));

    [Theory]
    [InlineData(DeviceStatus.Calibrating)]
    [InlineData(DeviceStatus.Fault)]
    public void A_probe_not_measuring_is_not_judged(DeviceStatus status) =>
        Assert.Equal(ValueLevel.Normal, LiveJudgement.LevelOf(new Reading(Cod, 500, status), CodMax, 0.8, SeverityScale.Default));

    [Fact]
    public void No_limit_or_no_approach_ratio_means_no_approaching()
    {
        Assert.Equal(ValueLevel.Normal, LiveJudgement.LevelOf(new Reading(Cod, 500), null, 0.8, SeverityScale.Default));
        Assert.Equal(ValueLevel.Normal, LiveJudgement.LevelOf(new Reading(Cod, 95), CodMax, null, SeverityScale.Default));
    }

    [Fact]
    public void Stale_after_three_expected_intervals()
    {
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var interval = TimeSpan.FromMinutes(5);
        Assert.True(LiveJudgement.IsStale(null, now, interval));
        Assert.False(LiveJudgement.IsStale(now - (3 * interval), now, interval));
        Assert.True(LiveJudgement.IsStale(now - (3 * interval) - TimeSpan.FromSeconds(1), now, interval));
    }

    [Fact]
    public void A_parameter_condition_puts_silence_and_the_probe_before_the_value()
    {
        Assert.Equal(StationCondition.Silent, LiveJudgement.ConditionOf(ValueLevel.Exceeding, DeviceStatus.Fault, flat: true, silent: true));
        Assert.Equal(StationCondition.Fault, LiveJudgement.ConditionOf(ValueLevel.Normal, DeviceStatus.Fault, flat: true, silent: false));
        Assert.Equal(StationCondition.Calibrating, LiveJudgement.ConditionOf(ValueLevel.Normal, DeviceStatus.Calibrating, flat: false, silent: false));
        Assert.Equal(StationCondition.FlatLine, LiveJudgement.ConditionOf(ValueLevel.Exceeding, DeviceStatus.Measuring, flat: true, silent: false));
        Assert.Equal(StationCondition.Exceeding, LiveJudgement.ConditionOf(ValueLevel.Exceeding, DeviceStatus.Measuring, flat: false, silent: false));
        Assert.Equal(StationCondition.Normal, LiveJudgement.ConditionOf(ValueLevel.Normal, DeviceStatus.Measuring, flat: false, silent: false));
    }

    [Fact]
    public void Station_condition_is_the_worst_of_its_parameters_now_and_since_when()
    {
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var offlineAfter = RuleSettings.Default.OfflineAfter;
        Assert.Equal((StationCondition.NoData, (DateTimeOffset?)null), new StationConditionTally().Result(null, now, offlineAfter));
        Assert.Equal((StationCondition.Normal, (DateTimeOffset?)now), new StationConditionTally().Result(now, now, offlineAfter));
        var last = now - offlineAfter - TimeSpan.FromSeconds(1);
        Assert.Equal((StationCondition.Offline, (DateTimeOffset?)last), new StationConditionTally().Result(last, now, offlineAfter));

        var tally = new StationConditionTally();
        tally.Add(StationCondition.Normal, Severity.None, now.AddMinutes(-60));
        tally.Add(StationCondition.Normal, Severity.None, now.AddMinutes(-6));
        Assert.Equal((StationCondition.Normal, (DateTimeOffset?)now.AddMinutes(-6)), tally.Result(now, now, offlineAfter)); // normal since the last trouble ended
        tally.Add(StationCondition.Approaching, Severity.Approaching, now.AddMinutes(-20));
        Assert.Equal(StationCondition.Approaching, tally.Result(now, now, offlineAfter).Condition);
        tally.Add(StationCondition.Calibrating, Severity.None, now.AddMinutes(-3));
        Assert.Equal(StationCondition.Calibrating, tally.Result(now, now, offlineAfter).Condition);
        tally.Add(StationCondition.Fault, Severity.None, now.AddMinutes(-2));
        Assert.Equal(StationCondition.Fault, tally.Result(now, now, offlineAfter).Condition);
        tally.Add(StationCondition.Exceeding, Severity.From1Point1, now.AddMinutes(-4));
        tally.Add(StationCondition.Exceeding, Severity.From2, now.AddMinutes(-1));
        Assert.Equal((StationCondition.Exceeding, (DateTimeOffset?)now.AddMinutes(-4)), tally.Result(now, now, offlineAfter)); // since the first began
        Assert.Equal(Severity.From2, tally.Level);
        Assert.Equal(StationCondition.Offline, tally.Result(last, now, offlineAfter).Condition);
    }

    [Fact]
    public void Only_values_exceeding_or_approaching_now_give_the_station_its_level()
    {
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var tally = new StationConditionTally();
        tally.Add(StationCondition.FlatLine, Severity.From5, now); // a stuck value beyond its limit is not judged
        tally.Add(StationCondition.Silent, Severity.From10, now); // nor is an old one
        Assert.Equal(Severity.None, tally.Level);
        Assert.Equal(StationCondition.Silent, tally.Result(now, now, TimeSpan.FromMinutes(15)).Condition);
    }

    [Theory]
    [InlineData(4.5, LimitBound.Lower, 6, 1)] // the bound broken is 6, not 9; band by value, no multiple
    [InlineData(10.8, LimitBound.Upper, 9, 2)] // 10.5 to below 12.5
    [InlineData(8.8, LimitBound.Upper, 9, null)] // approaching: the nearest bound
    public void A_range_is_judged_against_the_bound_broken(double value, LimitBound bound, double limit, int? band)
    {
        var judged = LiveJudgement.Judge(new Reading(Ph, value), PhRange, 0.8, SeverityScale.Default);

        Assert.Equal((bound, limit, band, (double?)null), (judged.Bound!.Value, judged.Limit!.Value, judged.Band, judged.Multiple));
    }

    [Fact]
    public void An_upper_limit_gives_its_multiple()
    {
        var judged = LiveJudgement.Judge(new Reading(Cod, 230), CodMax, 0.8, SeverityScale.Default);

        Assert.Equal((LimitBound.Upper, 100.0, Severity.From2, (int?)null), (judged.Bound!.Value, judged.Limit!.Value, judged.Level, judged.Band));
        Assert.Equal(2.3, judged.Multiple!.Value, 12);
    }
}
