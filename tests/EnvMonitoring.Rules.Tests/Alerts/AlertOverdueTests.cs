using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Profiles;
using static EnvMonitoring.Rules.Tests.StationHarness;

namespace EnvMonitoring.Rules.Tests.Alerts;

/// <summary>
/// An active alert nobody acknowledges within <see cref="RuleEngine.AcknowledgeWithin"/> is marked
/// overdue once — not at every tick, not again after a restart — and an acknowledged or cleared one never.
/// </summary>
public sealed class AlertOverdueTests
{
    private static readonly RuleSettings InstantOnly = Only(RuleKind.Instantaneous) with { ApproachRatio = null };
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(30);

    [Fact]
    public void An_unacknowledged_active_alert_is_overdue_once_after_the_configured_time()
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly, acknowledgeWithin: Within);
        var opened = Assert.Single(station.Send(Midnight, R("COD", 300)));

        Assert.Empty(station.Tick(Midnight.AddMinutes(29).AddSeconds(59)));
        var overdue = Assert.Single(station.Tick(Midnight.AddMinutes(30)));

        Assert.Equal((AlertEventKind.Overdue, opened.AlertId, Severity.From2, 2.0), (overdue.Kind, overdue.AlertId, overdue.Severity, overdue.Multiple));
        Assert.Equal((Midnight.AddMinutes(30), Midnight, (string?)null), (overdue.At, overdue.OpenedAt, overdue.User));
        var alert = station.Active("COD", RuleKind.Instantaneous)!;
        Assert.Equal(Midnight.AddMinutes(30), alert.OverdueAt);
        Assert.True(alert.IsActive);
        // Still unacknowledged and still exceeding hours later: not again.
        for (var minutes = 31; minutes <= 300; minutes += 7)
        {
            Assert.Empty(station.Tick(Midnight.AddMinutes(minutes)));
        }

        Assert.Single(station.Events, e => e.Kind == AlertEventKind.Overdue);
    }

    [Fact]
    public void A_restart_remembers_that_an_alert_was_overdue()
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly, acknowledgeWithin: Within);
        station.Send(Midnight, R("COD", 300));
        Assert.Single(station.Tick(Midnight.AddMinutes(45)));

        var restarted = new StationHarness(Qcvn40B(), InstantOnly, book: AlertBook.Replay(station.Events), start: Midnight.AddMinutes(46), acknowledgeWithin: Within);

        Assert.Empty(restarted.Tick(Midnight.AddHours(3)));
        Assert.Equal(Midnight.AddMinutes(45), restarted.Active("COD", RuleKind.Instantaneous)!.OverdueAt);
    }

    [Fact]
    public void Time_the_host_was_down_counts_and_the_alert_is_overdue_at_the_first_tick_after_a_restart()
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly, acknowledgeWithin: Within);
        station.Send(Midnight, R("COD", 300));

        var restarted = new StationHarness(Qcvn40B(), InstantOnly, book: AlertBook.Replay(station.Events), start: Midnight.AddHours(2), acknowledgeWithin: Within);

        Assert.Equal(AlertEventKind.Overdue, Assert.Single(restarted.Tick(Midnight.AddHours(2))).Kind);
    }

    [Fact]
    public void Acknowledged_and_cleared_alerts_are_never_overdue()
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly with { ClearTime = TimeSpan.FromMinutes(10) }, acknowledgeWithin: Within);
        var cod = Assert.Single(station.Send(Midnight, R("COD", 300), R("pH", 7)));
        station.Engine.Acknowledge(cod.AlertId, "an", "on it");
        // pH opens and clears before anyone looks: its cause is gone, nothing to chase.
        Assert.Single(station.Send(Midnight.AddMinutes(5), R("COD", 300), R("pH", 11)));
        Assert.Equal(AlertEventKind.Cleared, Assert.Single(station.Series(Midnight.AddMinutes(10), 3, _ => [R("COD", 300), R("pH", 7)])).Kind);

        Assert.Empty(station.Tick(Midnight.AddHours(4)));
        Assert.Equal(2, station.Engine.Alerts.Unresolved.Count);
    }

    [Fact]
    public void Without_a_setting_nothing_is_ever_overdue()
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly);
        station.Send(Midnight, R("COD", 300));

        Assert.Empty(station.Tick(Midnight.AddDays(2)));
    }
}
