using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;
using static EnvMonitoring.Rules.Tests.StationHarness;

namespace EnvMonitoring.Rules.Tests.Alerts;

/// <summary>The book rebuilt from the event stream is the book before the restart: nothing forgotten, nothing duplicated.</summary>
public sealed class AlertReplayTests
{
    [Fact]
    public void A_restart_neither_forgets_nor_duplicates_an_alert()
    {
        var before = new StationHarness(Qcvn40B(), Only(RuleKind.Instantaneous));
        before.Send(Midnight, R("COD", 200), R("pH", 5.0));
        before.Events.Add(before.Engine.Acknowledge(before.Active("COD", RuleKind.Instantaneous)!.Id, "an", "seen"));
        before.Series(Midnight.AddMinutes(5), 4, _ => [R("COD", 200), R("pH", 7)]);
        var activeBefore = before.Engine.Alerts.Active.Select(Describe).Order().ToList();
        Assert.Single(activeBefore);

        var after = new StationHarness(Qcvn40B(), Only(RuleKind.Instantaneous), book: AlertBook.Replay(before.Events), start: before.Time.GetUtcNow());

        Assert.Equal(activeBefore, after.Engine.Alerts.Active.Select(Describe).Order().ToList());
        Assert.Equal(before.Engine.Alerts.Unresolved.Count, after.Engine.Alerts.Unresolved.Count);
        Assert.True(after.Active("COD", RuleKind.Instantaneous)!.IsAcknowledged);
        Assert.Empty(after.Send(Midnight.AddMinutes(25), R("COD", 200)));
        var escalated = Assert.Single(after.Send(Midnight.AddMinutes(30), R("COD", 400)));
        Assert.Equal((AlertEventKind.Escalated, before.Engine.Alerts.LastSequence + 1), (escalated.Kind, escalated.Sequence));
    }

    [Fact]
    public void Replay_ignores_order_and_duplicates()
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.Instantaneous, RuleKind.DeviceFault));
        station.Series(Midnight, 30, i => [R("COD", i % 10 < 3 ? 300 : 50, i % 7 == 6 ? DeviceStatus.Fault : DeviceStatus.Measuring)]);
        var shuffled = station.Events.Concat(station.Events.Take(5)).Reverse().ToList();

        var rebuilt = AlertBook.Replay(shuffled);

        Assert.Equal(station.Engine.Alerts.Active.Select(Describe).Order(), rebuilt.Active.Select(Describe).Order());
        Assert.Equal(station.Engine.Alerts.Unresolved.Select(Describe).Order(), rebuilt.Unresolved.Select(Describe).Order());
        Assert.Equal(station.Engine.Alerts.LastSequence, rebuilt.LastSequence);
    }

    [Fact]
    public void An_alert_whose_Opened_is_missing_is_rebuilt_from_a_later_event()
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.Instantaneous));
        station.Send(Midnight, R("COD", 200));
        station.Send(Midnight.AddMinutes(5), R("COD", 400));

        var rebuilt = AlertBook.Replay(station.Events.Skip(1));

        var alert = Assert.Single(rebuilt.Active);
        Assert.Equal((Severity.From2, Midnight), (alert.Severity, alert.OpenedAt));
    }

    [Fact]
    public void Warming_up_with_stored_readings_resumes_the_windows_without_events()
    {
        var readings = Enumerable.Range(0, 8).Select(i => (At: Midnight.AddMinutes(5 * i), Cod: 200.0)).ToList();
        var station = new StationHarness([Max("COD", 150)], Only(RuleKind.HourlyMean), start: Midnight.AddMinutes(40));
        foreach (var (at, cod) in readings)
        {
            station.Engine.Warm(new Sample(Station, at, [R("COD", cod)]));
        }

        Assert.Empty(station.Events);
        // The ninth record of the hour completes 75%: judged as if there had been no restart.
        Assert.Single(station.Send(Midnight.AddMinutes(40), R("COD", 200)));
    }

    [Fact]
    public void Warming_up_resumes_a_clear_timer_so_a_restart_does_not_delay_a_clear()
    {
        var before = new StationHarness([Max("COD", 150)], Only(RuleKind.Instantaneous));
        var stored = new List<Sample>();
        for (var i = 0; i < 3; i++)
        {
            var sample = new Sample(Station, Midnight.AddMinutes(5 * i), [R("COD", i == 0 ? 200 : 50)]);
            stored.Add(sample);
            before.Send(sample.Timestamp, [.. sample.Readings]);
        }

        var after = new StationHarness([Max("COD", 150)], Only(RuleKind.Instantaneous), book: AlertBook.Replay(before.Events), start: Midnight.AddMinutes(10));
        stored.ForEach(s => after.Engine.Warm(s));

        // Compliant since 00:05: 00:15 completes the 10 minutes already seen before the restart with 5 more.
        Assert.Empty(after.Send(Midnight.AddMinutes(15), R("COD", 50)));
        Assert.Equal(AlertEventKind.Cleared, Assert.Single(after.Send(Midnight.AddMinutes(20), R("COD", 50))).Kind);
    }

    [Fact]
    public void Re_configuring_a_station_keeps_its_windows_and_timers()
    {
        var settings = Only(RuleKind.Instantaneous, RuleKind.HourlyMean) with { ApproachRatio = null };
        var station = new StationHarness([Max("COD", 150)], settings);
        station.Series(Midnight, 3, i => [R("COD", i == 0 ? 200 : 112)]);

        // New limits mid-way (e.g. a corrected regulation file): 120 mg/L.
        station.Engine.Configure(Profiles.StationRuleProfile.Create(Station, Protocol.Catalog.Medium.Water, [Max("COD", 120)], settings: settings));
        var events = station.Series(Midnight.AddMinutes(15), 6, _ => [R("COD", 112)]);

        // The clear timer started at 00:05 still runs (cleared at 00:20, not 00:30); the hour keeps its first
        // three records, so the ninth (00:40) judges it: (200 + 8 × 112) / 9 = 121.8 > 120.
        Assert.Equal(
            [(RuleKind.Instantaneous, AlertEventKind.Cleared, Midnight.AddMinutes(20)), (RuleKind.HourlyMean, AlertEventKind.Opened, Midnight.AddMinutes(40))],
            events.Select(e => (e.Cause.Rule, e.Kind, e.MeasuredAt)));
    }

    private static string Describe(Alert a) => $"{a.Id} {a.Severity} {a.IsActive} {a.IsAcknowledged} {a.ClearAfter}";
}
