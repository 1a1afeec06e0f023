using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Profiles;
using static EnvMonitoring.Rules.Tests.StationHarness;

namespace EnvMonitoring.Rules.Tests.Engine;

/// <summary>Rolling and local-day means: completeness (75% of 288 records a day = 216), flow weighting, the 17:00 UTC day boundary.</summary>
public sealed class MeanWindowTests
{
    [Theory]
    [InlineData(213, false)] // 74% of 288
    [InlineData(215, false)]
    [InlineData(216, true)] // 75%
    public void A_24_hour_mean_counts_only_with_75_percent_of_the_expected_records(int records, bool judged)
    {
        var station = new StationHarness([Max("COD", 150)], Only(RuleKind.DailyMean));

        // Readings every 5 minutes with the gaps spread over the day: 288 slots, some empty.
        var missing = 288 - records;
        var kept = Enumerable.Range(0, 288).Where(i => !(i < 2 * missing && i % 2 == 0)).ToList();
        Assert.Equal(records, kept.Count);
        foreach (var i in kept)
        {
            station.Send(Midnight.AddMinutes(5 * i), R("COD", 200));
        }

        var opened = Of(station.Events, RuleKind.DailyMean);
        Assert.Equal(judged, opened.Count == 1);
        if (judged)
        {
            Assert.Equal((200.0, Severity.From1Point1, Midnight.AddMinutes(5 * 287)), (opened[0].Value!.Value, opened[0].Severity, opened[0].MeasuredAt));
        }
    }

    [Theory]
    [InlineData(213, false)]
    [InlineData(216, true)]
    public void A_local_day_counts_only_with_75_percent_of_its_records(int records, bool judged)
    {
        var station = new StationHarness([Max("COD", 150)], Only(RuleKind.LocalDayMean));
        station.Series(Midnight.AddMinutes(5 * (288 - records)), records, _ => [R("COD", 200)]);

        var events = station.Tick(Midnight.AddDays(1).AddMinutes(15));

        Assert.Equal(judged, events.Count == 1);
    }

    [Fact]
    public void Calibrating_and_faulty_records_do_not_count_toward_completeness()
    {
        var station = new StationHarness([Max("COD", 150)], Only(RuleKind.HourlyMean));

        // 12 records in the hour, 4 of them calibrating: 8 valid < 9 (75% of 12).
        station.Series(Midnight, 12, i => [R("COD", 200, i < 4 ? Protocol.Samples.DeviceStatus.Calibrating : Protocol.Samples.DeviceStatus.Measuring)]);

        Assert.Empty(station.Events);
        Assert.Single(station.Send(Midnight.AddMinutes(60), R("COD", 200)));
    }

    [Fact]
    public void Means_are_flow_weighted_where_flow_is_measured()
    {
        // Half the hour 100 mg/L at 10 m³/h, half 200 mg/L at 30 m³/h: plain mean 150, weighted (100·10 + 200·30) / 40 = 175.
        // Completeness 100% so that only the full hour is judged.
        var settings = Only(RuleKind.HourlyMean) with { MinimumCompleteness = 1 };
        var weighted = new StationHarness([Max("COD", 160)], settings);
        weighted.Series(Midnight, 12, i => i < 6 ? [R("COD", 100), R("FlowOut", 10)] : [R("COD", 200), R("FlowOut", 30)]);
        var plain = new StationHarness([Max("COD", 160)], settings);
        plain.Series(Midnight, 12, i => [R("COD", i < 6 ? 100 : 200)]);

        var opened = Assert.Single(weighted.Events);
        Assert.Equal((175.0, Severity.Warning), (opened.Value!.Value, opened.Severity));
        var unweighted = Assert.Single(plain.Events);
        Assert.Equal((150.0, Severity.Approaching), (unweighted.Value!.Value, unweighted.Severity));
    }

    [Fact]
    public void The_legal_day_ends_at_17_00_UTC()
    {
        var endOfDay = new DateTimeOffset(2025, 11, 3, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(StationTimings.LocalDayOf(endOfDay.UtcTicks - 1) + 1, StationTimings.LocalDayOf(endOfDay.UtcTicks));
        Assert.Equal(endOfDay.UtcTicks, StationTimings.EndOfLocalDay(StationTimings.LocalDayOf(endOfDay.UtcTicks - 1)));

        var station = new StationHarness([Max("COD", 150)], Only(RuleKind.LocalDayMean));
        // 216 records (exactly 75%) from 06:00 to 23:55 local (23:00 to 16:55 UTC), then one at 00:00 local = 17:00 UTC.
        station.Series(Midnight.AddHours(6), 216, _ => [R("COD", 200)]);
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 16, 55, 0, TimeSpan.Zero), Midnight.AddHours(6).AddMinutes(5 * 215));
        station.Send(endOfDay, R("COD", 0));

        var events = station.Tick(endOfDay.AddMinutes(15));

        // The 16:55 UTC record counts in the day (else 215 < 216, no mean); the 17:00 UTC one does not (else the mean would drop below 200).
        var opened = Assert.Single(events);
        Assert.Equal((AlertEventKind.Opened, 200.0, endOfDay, false), (opened.Kind, opened.Value!.Value, opened.MeasuredAt, opened.Late));
    }

    [Fact]
    public void A_day_is_judged_only_after_its_grace_period()
    {
        var station = new StationHarness([Max("COD", 150)], Only(RuleKind.LocalDayMean));
        station.Series(Midnight, 288, _ => [R("COD", 200)]);

        Assert.Empty(station.Tick(Midnight.AddDays(1).AddMinutes(14)));
        Assert.Single(station.Tick(Midnight.AddDays(1).AddMinutes(15)));
        Assert.Empty(station.Tick(Midnight.AddDays(1).AddMinutes(30)));
    }

    [Fact]
    public void A_compliant_day_clears_a_day_alert()
    {
        var station = new StationHarness([Max("COD", 150)], Only(RuleKind.LocalDayMean) with { ApproachRatio = null });
        station.Series(Midnight, 288, _ => [R("COD", 200)]);
        station.Series(Midnight.AddDays(1), 288, _ => [R("COD", 100)]);

        var events = station.Tick(Midnight.AddDays(2).AddMinutes(15));

        Assert.Equal([AlertEventKind.Opened, AlertEventKind.Cleared], station.Events.Select(e => e.Kind));
        Assert.Equal(Midnight.AddDays(2), Assert.Single(events).MeasuredAt);
    }
}
