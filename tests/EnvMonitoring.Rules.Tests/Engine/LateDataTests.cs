using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;
using static EnvMonitoring.Rules.Tests.StationHarness;

namespace EnvMonitoring.Rules.Tests.Engine;

/// <summary>A gateway's backlog arriving hours late is judged at its measurement time, and what it reveals is marked late.</summary>
public sealed class LateDataTests
{
    [Fact]
    public void An_exceedance_found_late_is_recorded_when_it_happened_and_marked_late()
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.Instantaneous));
        var now = Midnight.AddHours(3);

        var opened = Assert.Single(station.SendAt(now, Midnight.AddMinutes(10), R("COD", 300)));

        Assert.Equal((AlertEventKind.Opened, Midnight.AddMinutes(10), now, true), (opened.Kind, opened.MeasuredAt, opened.At, opened.Late));
        Assert.Equal(Midnight.AddMinutes(10), station.Active("COD", RuleKind.Instantaneous)!.OpenedAt);
        Assert.Equal(1, station.Engine.Counters.Late);
    }

    [Theory]
    [InlineData(15, false)]
    [InlineData(16, true)]
    public void A_reading_is_late_when_older_than_the_late_threshold(int minutesOld, bool late)
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.Instantaneous));

        var opened = Assert.Single(station.SendAt(Midnight.AddMinutes(minutesOld), Midnight, R("COD", 300)));

        Assert.Equal(late, opened.Late);
    }

    [Fact]
    public void Windows_are_keyed_by_measurement_time_not_arrival()
    {
        var station = new StationHarness([Max("COD", 150)], Only(RuleKind.HourlyMean));
        // Live data from 02:00 to 02:55, compliant.
        station.Series(Midnight.AddHours(2), 12, _ => [R("COD", 100)]);
        Assert.Empty(station.Events);

        // The backlog of 00:00-00:55 arrives at 03:00, exceeding: its own hour is judged, with 9 records (75%) at 00:40.
        var now = Midnight.AddHours(3);
        var events = new List<AlertEvent>();
        for (var i = 0; i < 12; i++)
        {
            events.AddRange(station.SendAt(now, Midnight.AddMinutes(5 * i), R("COD", 300)));
        }

        var opened = Assert.Single(events);
        Assert.Equal((AlertEventKind.Opened, Midnight.AddMinutes(40), true, 300.0), (opened.Kind, opened.MeasuredAt, opened.Late, opened.Value!.Value));
        Assert.Equal(Severity.From2, opened.Severity);

        // The live hour is untouched by the backlog: the next live reading judges it compliant.
        station.Send(now, R("COD", 100));
        Assert.Single(station.Events);
    }

    [Fact]
    public void A_backlog_replayed_in_a_second_clears_as_it_happened()
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.Instantaneous) with { ApproachRatio = null });
        var now = Midnight.AddHours(5);

        // 00:00 exceeding, then compliant every 5 minutes: cleared by the 00:20 record (15 minutes of evidence), all at 05:00.
        var events = new List<AlertEvent>();
        for (var i = 0; i < 12; i++)
        {
            events.AddRange(station.SendAt(now, Midnight.AddMinutes(5 * i), R("COD", i == 0 ? 300 : 50)));
        }

        Assert.Equal([AlertEventKind.Opened, AlertEventKind.Cleared], events.Select(e => e.Kind));
        Assert.Equal(Midnight.AddMinutes(20), events[1].MeasuredAt);
        Assert.All(events, e => Assert.True(e.Late));
    }

    [Fact]
    public void Late_data_for_a_judged_day_judges_it_again_marked_late()
    {
        var station = new StationHarness([Max("COD", 150)], Only(RuleKind.LocalDayMean));
        // 215 compliant records: one short of 75%, so the closed day has no mean.
        station.Series(Midnight, 215, _ => [R("COD", 200)]);
        Assert.Empty(station.Tick(Midnight.AddDays(1).AddMinutes(15)));

        var opened = Assert.Single(station.SendAt(Midnight.AddDays(1).AddHours(2), Midnight.AddMinutes(5 * 287), R("COD", 200)));

        Assert.Equal((Midnight.AddDays(1), true), (opened.MeasuredAt, opened.Late));
    }

    [Fact]
    public void A_resent_reading_is_counted_once()
    {
        var station = new StationHarness([Max("COD", 150)], Only(RuleKind.HourlyMean));
        station.Series(Midnight, 8, _ => [R("COD", 200)]);

        // Eight distinct records and a resend of the last: still 8 < 9.
        Assert.Empty(station.Send(Midnight.AddMinutes(35), R("COD", 200)));
        Assert.Equal(1, station.Engine.Counters.Duplicates);
        Assert.Single(station.Send(Midnight.AddMinutes(40), R("COD", 200)));
    }
}
