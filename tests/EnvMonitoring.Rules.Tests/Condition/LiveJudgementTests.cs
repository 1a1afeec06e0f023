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
    [InlineData(8.8, ValueLevel.Approaching)] // the outer fifth of the range's half-width, as the engine's approaching alert
    [InlineData(6.2, ValueLevel.Approaching)]
    [InlineData(5.9, ValueLevel.Exceeding)]
    [InlineData(9.1, ValueLevel.Exceeding)]
    public void Range_limit_is_judged_from_its_middle(double value, ValueLevel expected) =>
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
    public void Condition_is_the_worst_that_holds()
    {
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var offlineAfter = RuleSettings.Default.OfflineAfter;
        Assert.Equal(StationCondition.NoData, new StationConditionTally().Result(null, now, offlineAfter));
        Assert.Equal(StationCondition.Normal, new StationConditionTally().Result(now, now, offlineAfter));
        Assert.Equal(StationCondition.Offline, new StationConditionTally().Result(now - offlineAfter - TimeSpan.FromSeconds(1), now, offlineAfter));

        var tally = new StationConditionTally();
        tally.AddReading(ValueLevel.Approaching, DeviceStatus.Measuring);
        Assert.Equal(StationCondition.Approaching, tally.Result(now, now, offlineAfter));
        tally.AddReading(ValueLevel.Normal, DeviceStatus.Calibrating);
        Assert.Equal(StationCondition.Calibrating, tally.Result(now, now, offlineAfter));
        tally.AddReading(ValueLevel.Exceeding, DeviceStatus.Measuring);
        Assert.Equal(StationCondition.Exceeding, tally.Result(now, now, offlineAfter));
        tally.AddReading(ValueLevel.Normal, DeviceStatus.Fault);
        Assert.Equal(StationCondition.Fault, tally.Result(now, now, offlineAfter));
        tally.AddAlert(RuleKind.StationOffline, Severity.Warning);
        Assert.Equal(StationCondition.Offline, tally.Result(now, now, offlineAfter));
    }

    [Fact]
    public void Alerts_count_by_rule_and_severity()
    {
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var warning = new StationConditionTally();
        warning.AddAlert(RuleKind.FlatLine, Severity.Warning); // a data alert: worth a look, not an exceedance
        Assert.Equal(StationCondition.Approaching, warning.Result(now, now, TimeSpan.FromMinutes(15)));
        Assert.Equal(Severity.Warning, warning.WorstAlert);

        var exceeding = new StationConditionTally();
        exceeding.AddAlert(RuleKind.HourlyMean, Severity.From2);
        exceeding.AddAlert(RuleKind.FlatLine, Severity.Warning);
        Assert.Equal(StationCondition.Exceeding, exceeding.Result(now, now, TimeSpan.FromMinutes(15)));
        Assert.Equal(Severity.From2, exceeding.WorstAlert);

        var fault = new StationConditionTally();
        fault.AddAlert(RuleKind.DeviceFault, Severity.Warning);
        Assert.Equal(StationCondition.Fault, fault.Result(now, now, TimeSpan.FromMinutes(15)));
    }
}
