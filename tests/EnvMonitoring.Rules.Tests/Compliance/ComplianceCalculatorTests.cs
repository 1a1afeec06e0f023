using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Compliance;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Tests.Compliance;

/// <summary>Daily means against a limit, Decree 45 tiers, completeness and gaps, from hand-built hourly stats.</summary>
public sealed class ComplianceCalculatorTests
{
    private static readonly DateTimeOffset Day0 = StationHarness.Midnight;
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private static readonly Parameter Cod = ParameterCatalog.Default["COD"];

    /// <summary>One local day at 5-minute records (288 expected): <paramref name="valid"/> valid readings of <paramref name="value"/>, spread over the hours in order.</summary>
    private static IEnumerable<HourStats> Day(int day, int valid, double value, int calibrating = 0, int fault = 0)
    {
        var start = Day0.AddDays(day);
        for (var h = 0; h < 24; h++)
        {
            var stats = WindowStats.Empty;
            for (var i = 0; i < 12; i++)
            {
                var n = (h * 12) + i;
                stats = n < valid ? stats.Add(ReadingClass.Valid, value)
                    : n < valid + calibrating ? stats.Add(ReadingClass.Calibrating, value)
                    : n < valid + calibrating + fault ? stats.Add(ReadingClass.Fault, value)
                    : stats;
            }

            if (stats.Total > 0)
            {
                yield return new HourStats(start.AddHours(h), stats);
            }
        }
    }

    private static ParameterCompliance Evaluate(IEnumerable<HourStats> hours, int days, ParameterLimit? limit) =>
        ComplianceCalculator.Evaluate(Cod, limit, JudgingBasis.LocalDayMean, Day0, Day0.AddDays(days), FiveMinutes, hours, SeverityScale.Default, RuleSettings.Default);

    [Theory]
    [InlineData(50.0, Severity.None)]
    [InlineData(100.0, Severity.Approaching)] // equal to the limit complies (approaching from 80 %)
    [InlineData(100.1, Severity.Warning)]
    [InlineData(109.9, Severity.Warning)]
    [InlineData(110.0, Severity.From1Point1)]
    [InlineData(149.9, Severity.From1Point1)]
    [InlineData(150.0, Severity.From1Point5)]
    [InlineData(199.9, Severity.From1Point5)]
    [InlineData(200.0, Severity.From2)]
    [InlineData(300.0, Severity.From3)]
    [InlineData(500.0, Severity.From5)]
    [InlineData(999.0, Severity.From5)]
    [InlineData(1000.0, Severity.From10)]
    public void A_complete_day_mean_falls_in_its_Decree45_tier(double mean, Severity expected)
    {
        var result = Evaluate(Day(0, 288, mean), 1, StationHarness.Max("COD", 100));

        var day = Assert.Single(result.Windows);
        Assert.True(day.Counted);
        Assert.Equal(expected, day.Severity);
        Assert.Equal(expected >= Severity.Warning ? 1 : 0, result.ExceedanceCount);
        if (expected >= Severity.Warning)
        {
            Assert.Equal(1, result.Exceedances[expected]);
        }
    }

    [Theory]
    [InlineData(213, false)] // 73.96 % of 288
    [InlineData(216, true)]  // exactly 75 %
    public void A_day_mean_counts_only_with_three_quarters_of_its_records(int valid, bool counted)
    {
        var result = Evaluate(Day(0, valid, 300), 1, StationHarness.Max("COD", 100));

        var day = Assert.Single(result.Windows);
        Assert.Equal(counted, day.Counted);
        Assert.Equal(Severity.From3, day.Severity);
        Assert.Equal(counted ? 1 : 0, result.ExceedanceCount);
        Assert.Equal(valid / 288.0, day.Completeness, 12);
    }

    [Fact]
    public void Counts_exclusions_completeness_tiers_and_the_worst_day_over_a_period()
    {
        // Day 0: 250 valid at 120 (1.2x) + 20 calibrating + 18 fault. Day 1: 288 at 90. Day 2: no data.
        // Day 3: 288 at 250 (2.5x). Day 4: 100 valid at 500 (not counted), then nothing.
        var hours = Day(0, 250, 120, calibrating: 20, fault: 18)
            .Concat(Day(1, 288, 90))
            .Concat(Day(3, 288, 250))
            .Concat(Day(4, 100, 500));

        var result = Evaluate(hours, 5, StationHarness.Max("COD", 100));

        Assert.Equal(5 * 288, result.Expected);
        Assert.Equal(250 + 288 + 288 + 100, result.Totals.Valid);
        Assert.Equal((20, 18, 0), (result.Totals.Calibrating, result.Totals.Fault, result.Totals.Invalid));
        Assert.Equal(926.0 / 1440, result.Completeness, 12);
        Assert.Equal([true, true, false, true, false], result.Windows.Select(w => w.Counted));
        Assert.Equal(1, result.Exceedances[Severity.From1Point1]);
        Assert.Equal(1, result.Exceedances[Severity.From2]);
        Assert.Equal(2, result.ExceedanceCount);
        Assert.Equal(Day0.AddDays(3), result.WorstWindow!.Start);
        Assert.Equal(2.5, result.WorstWindow.Multiple!.Value, 12);
        Assert.Equal(5, result.PeakReading!.Multiple!.Value, 12);
        Assert.Equal(Day0.AddDays(4), result.PeakReading.HourStart);
        // Day 2 entirely, and day 4 after its 100 readings (8 h 20 min: hours 9..23 are empty).
        Assert.Equal(
            [(Day0.AddDays(2), Day0.AddDays(3)), (Day0.AddDays(4).AddHours(9), Day0.AddDays(5))],
            result.Gaps.Select(g => (g.From, g.To)));
    }

    [Fact]
    public void Judging_from_day_stats_gives_the_same_result_as_from_hours()
    {
        var hours = Day(0, 250, 120, calibrating: 20, fault: 18).Concat(Day(1, 288, 90)).Concat(Day(3, 288, 250)).Concat(Day(4, 100, 500)).ToList();
        var limit = StationHarness.Max("COD", 100);
        var days = hours.GroupBy(h => ProvinceTime.StartOfDay(h.Start)).Select(g => new HourStats(g.Key, g.Aggregate(WindowStats.Empty, (s, h) => s.Merge(h.Stats))));
        var present = hours.Select(h => h.Start).ToHashSet();
        var empty = Enumerable.Range(0, 5 * 24).Select(i => Day0.AddHours(i)).Where(h => !present.Contains(h));
        var extremes = hours.Where(h => h.Stats.Valid > 0).SelectMany(h => new[] { (h.Start, h.Stats.Max), (h.Start, h.Stats.Min) });

        var byHours = Evaluate(hours, 5, limit);
        var byDays = ComplianceCalculator.EvaluateDays(Cod, limit, Day0, Day0.AddDays(5), FiveMinutes, days, empty, extremes, SeverityScale.Default, RuleSettings.Default);

        Assert.Equal(byHours.Totals, byDays.Totals);
        Assert.Equal(byHours.Completeness, byDays.Completeness);
        Assert.Equal(byHours.Windows.Select(w => (w.Start, w.Stats, w.Counted, w.Severity)), byDays.Windows.Select(w => (w.Start, w.Stats, w.Counted, w.Severity)));
        Assert.Equal(byHours.Exceedances, byDays.Exceedances);
        Assert.Equal(byHours.PeakReading, byDays.PeakReading);
        Assert.Equal(byHours.Gaps, byDays.Gaps);
        Assert.Equal(byHours.WorstWindow!.Start, byDays.WorstWindow!.Start);
    }

    [Fact]
    public void A_range_limit_judges_both_sides_and_hourly_basis_uses_hours()
    {
        var ph = ParameterCatalog.Default["pH"];
        var limit = new ParameterLimit(ph, 5.5, 9, LimitSource.Permit, Confidence.Confirmed, "test");
        var hours = new[]
        {
            new HourStats(Day0, Enumerable.Repeat(7.25, 12).Aggregate(WindowStats.Empty, (s, v) => s.Add(ReadingClass.Valid, v))),
            new HourStats(Day0.AddHours(1), Enumerable.Repeat(4.0, 12).Aggregate(WindowStats.Empty, (s, v) => s.Add(ReadingClass.Valid, v))),
        };

        var result = ComplianceCalculator.Evaluate(ph, limit, JudgingBasis.HourlyMean, Day0, Day0.AddHours(2), FiveMinutes, hours, SeverityScale.Default, RuleSettings.Default);

        Assert.Equal(2, result.Windows.Count);
        Assert.Equal(Severity.None, result.Windows[0].Severity);
        // 4.0 breaks the lower bound 5.5; it is in Decree 45's first pH band (4 to below the lower bound), with no multiple.
        var low = result.Windows[1].Judgement!.Value;
        Assert.Equal((LimitBound.Lower, 5.5, 1, (double?)null), (low.Bound!.Value, low.Limit!.Value, low.Band!.Value, low.Multiple));
        Assert.Equal(SeverityScale.Default.RangeBandsFor("pH")!.Bands[0].Severity, result.Windows[1].Severity);
        Assert.Equal(1, result.ExceedanceCount);
        Assert.Equal(1.0, result.Completeness, 12);
        Assert.Equal(Day0.AddHours(1), result.WorstWindow!.Start);
        Assert.Equal((4.0, LimitBound.Lower), (result.PeakReading!.Value, result.PeakReading.Judgement.Bound!.Value));
    }

    [Fact]
    public void Without_a_limit_there_are_means_but_no_exceedances()
    {
        var result = Evaluate(Day(0, 288, 5000), 1, null);

        Assert.Equal(5000, result.Windows[0].Mean);
        Assert.Null(result.Windows[0].Multiple);
        Assert.Equal(0, result.ExceedanceCount);
        Assert.Null(result.WorstWindow);
        Assert.Null(result.PeakReading);
    }
}
