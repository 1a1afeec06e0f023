using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;
using static EnvMonitoring.Rules.Tests.StationHarness;

namespace EnvMonitoring.Rules.Tests.Alerts;

/// <summary>One alert per cause: opened once, escalated and de-escalated, cleared after hysteresis and a clear time, acknowledged and resolved by users.</summary>
public sealed class AlertLifecycleTests
{
    private static readonly RuleSettings InstantOnly = Only(RuleKind.Instantaneous) with { ApproachRatio = null };

    [Fact]
    public void A_persisting_exceedance_opens_one_alert()
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly);

        station.Series(Midnight, 24, _ => [R("COD", 200)]);

        var opened = Assert.Single(station.Events);
        Assert.Equal(AlertEventKind.Opened, opened.Kind);
        Assert.Equal(new AlertId($"{Station}/COD/Instantaneous/1"), opened.AlertId);
    }

    [Fact]
    public void An_alert_escalates_at_once_and_de_escalates_only_after_the_clear_time()
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly);
        station.Send(Midnight, R("COD", 160));

        var escalated = Assert.Single(station.Send(Midnight.AddMinutes(5), R("COD", 240)));
        Assert.Equal((AlertEventKind.Escalated, Severity.From1Point5), (escalated.Kind, escalated.Severity));

        // 200 mg/L = 1.33x: below 1.5 x 0.95 = 1.425x, in the 1.1x tier; 15 minutes of it de-escalates.
        Assert.Empty(station.Series(Midnight.AddMinutes(10), 3, _ => [R("COD", 200)]));
        var lowered = Assert.Single(station.Send(Midnight.AddMinutes(25), R("COD", 200)));
        Assert.Equal((AlertEventKind.DeEscalated, Severity.From1Point1, lowered.AlertId), (lowered.Kind, lowered.Severity, escalated.AlertId));
    }

    [Fact]
    public void Hovering_just_under_a_tier_does_not_de_escalate()
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly);
        station.Send(Midnight, R("COD", 240));

        // 220 mg/L = 1.467x: under 1.5x but above 1.425x (hysteresis).
        Assert.Empty(station.Series(Midnight.AddMinutes(5), 24, _ => [R("COD", 220)]));
    }

    [Theory]
    [InlineData(143, false)] // 95.3% of the limit: not back below 95%
    [InlineData(142.5, true)] // 95%
    [InlineData(100, true)]
    public void An_alert_clears_only_below_95_percent_of_the_limit(double cod, bool clears)
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly);
        station.Send(Midnight, R("COD", 200));

        station.Series(Midnight.AddMinutes(5), 12, _ => [R("COD", cod)]);

        Assert.Equal(clears, station.Active("COD", RuleKind.Instantaneous) is null);
    }

    [Fact]
    public void A_dip_shorter_than_the_clear_time_keeps_the_alert()
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly);
        station.Send(Midnight, R("COD", 200));

        // 10 minutes compliant, then above again: the same alert, no clear, no reopen.
        station.Series(Midnight.AddMinutes(5), 3, i => [R("COD", i < 2 ? 100 : 200)]);
        station.Series(Midnight.AddMinutes(20), 3, i => [R("COD", 100)]);

        Assert.Single(station.Events);
        Assert.Equal(AlertEventKind.Cleared, Assert.Single(station.Send(Midnight.AddMinutes(35), R("COD", 100))).Kind);
    }

    [Fact]
    public void Flapping_doubles_the_clear_time_of_the_reopened_alert()
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly);
        station.Send(Midnight, R("COD", 200));
        station.Series(Midnight.AddMinutes(5), 4, _ => [R("COD", 100)]);
        Assert.Equal(AlertEventKind.Cleared, station.Events[^1].Kind);

        var reopened = Assert.Single(station.Send(Midnight.AddMinutes(30), R("COD", 200)));
        Assert.Equal((AlertEventKind.Opened, TimeSpan.FromMinutes(30)), (reopened.Kind, reopened.ClearAfter));
        Assert.Empty(station.Series(Midnight.AddMinutes(35), 6, _ => [R("COD", 100)]));
        Assert.Equal(AlertEventKind.Cleared, Assert.Single(station.Send(Midnight.AddMinutes(65), R("COD", 100))).Kind);

        // Reopening after the flap window starts again from the base clear time.
        Assert.Equal(TimeSpan.FromMinutes(15), Assert.Single(station.Send(Midnight.AddHours(3), R("COD", 200))).ClearAfter);
    }

    [Fact]
    public void Users_acknowledge_and_resolve_with_their_name_and_a_note()
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly);
        var id = Assert.Single(station.Send(Midnight, R("COD", 200))).AlertId;
        station.Time.Advance(TimeSpan.FromMinutes(3));

        var ack = station.Engine.Acknowledge(id, "Nguyễn Văn An", "Called the plant");
        Assert.Equal((AlertEventKind.Acknowledged, "Nguyễn Văn An", "Called the plant", Midnight.AddMinutes(3)), (ack.Kind, ack.User, ack.Note, ack.At));
        Assert.True(station.Active("COD", RuleKind.Instantaneous)!.IsAcknowledged);

        // Still exceeding: acknowledging keeps it quiet, escalation still shows.
        Assert.Equal(AlertEventKind.Escalated, Assert.Single(station.Send(Midnight.AddMinutes(5), R("COD", 400))).Kind);
        station.Series(Midnight.AddMinutes(10), 4, _ => [R("COD", 100)]);
        Assert.Null(station.Active("COD", RuleKind.Instantaneous));
        Assert.Contains(station.Engine.Alerts.Unresolved, a => a.Id == id);

        var resolved = station.Engine.Resolve(id, "Nguyễn Văn An", "Aerator restarted");
        Assert.Equal((AlertEventKind.Resolved, Severity.None), (resolved.Kind, resolved.Severity));
        Assert.Empty(station.Engine.Alerts.Unresolved);
    }

    [Fact]
    public void Resolving_an_alert_whose_cause_is_still_active_is_refused_and_changes_nothing()
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly);
        var id = Assert.Single(station.Send(Midnight, R("COD", 200))).AlertId;
        var sequence = station.Engine.Alerts.LastSequence;

        var refused = Assert.Throws<AlertCauseActiveException>(() => station.Engine.Resolve(id, "an", "Probe cleaned"));

        Assert.Equal(id, refused.AlertId);
        Assert.Contains("cannot be resolved while its cause is still active", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Acknowledge it", refused.Message, StringComparison.Ordinal);
        Assert.Equal(sequence, station.Engine.Alerts.LastSequence);
        Assert.Equal(id, station.Active("COD", RuleKind.Instantaneous)?.Id);
        // The same alert goes on: no second one opens at the next reading.
        Assert.Empty(station.Send(Midnight.AddMinutes(5), R("COD", 200)));
        Assert.Single(station.Engine.Alerts.Unresolved);
    }

    [Fact]
    public void An_alert_is_refused_until_it_clears_then_resolves_and_nothing_reopens()
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly);
        var id = Assert.Single(station.Send(Midnight, R("COD", 200))).AlertId;
        // Back under the limit for 10 of the 15 minutes of clear time: still active.
        station.Series(Midnight.AddMinutes(5), 3, _ => [R("COD", 100)]);
        Assert.Throws<AlertCauseActiveException>(() => station.Engine.Resolve(id, "an", "Probe cleaned"));

        Assert.Equal(AlertEventKind.Cleared, Assert.Single(station.Send(Midnight.AddMinutes(20), R("COD", 100))).Kind);
        var resolved = station.Engine.Resolve(id, "an", "Probe cleaned");

        Assert.Equal((AlertEventKind.Resolved, "Probe cleaned"), (resolved.Kind, resolved.Note));
        Assert.Empty(station.Send(Midnight.AddMinutes(25), R("COD", 100)));
        Assert.Empty(station.Engine.Alerts.Unresolved);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_active_alert_that_no_rule_watches_any_more_can_be_resolved(bool stationRemoved)
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly);
        var id = Assert.Single(station.Send(Midnight, R("COD", 200))).AlertId;
        if (stationRemoved)
        {
            Assert.True(station.Engine.Remove(Station));
        }
        else
        {
            // The rule is switched off for the station: nothing would ever clear the alert.
            station.Engine.Configure(StationRuleProfile.Create(Station, station.Profile.Medium, Qcvn40B(), null, Only(RuleKind.HourlyMean)));
        }

        var resolved = station.Engine.Resolve(id, "an", "Station checked by hand");

        Assert.Equal(AlertEventKind.Resolved, resolved.Kind);
        Assert.Empty(station.Engine.Alerts.Unresolved);
    }

    [Theory]
    [InlineData("", "note", "needs the name of the user")]
    [InlineData("an", " ", "needs a note")]
    [InlineData("an", "note", "unknown or already resolved")]
    public void A_command_that_cannot_apply_is_refused(string user, string note, string expected)
    {
        var station = new StationHarness(Qcvn40B(), InstantOnly);
        var id = Assert.Single(station.Send(Midnight, R("COD", 200))).AlertId;
        station.Series(Midnight.AddMinutes(5), 4, _ => [R("COD", 100)]);
        if (expected.StartsWith("unknown", StringComparison.Ordinal))
        {
            station.Engine.Resolve(id, "an", "done");
        }

        var error = Assert.Throws<AlertCommandException>(() => station.Engine.Resolve(id, user, note));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
