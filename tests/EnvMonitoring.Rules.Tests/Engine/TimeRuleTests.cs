using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;
using static EnvMonitoring.Rules.Tests.StationHarness;

namespace EnvMonitoring.Rules.Tests.Engine;

/// <summary>Dead-man (station and parameter), flat line, sustained exceedance, rate of change.</summary>
public sealed class TimeRuleTests
{
    [Fact]
    public void A_station_silent_for_more_than_15_minutes_is_offline_until_data_flows_again()
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.StationOffline));
        station.Send(Midnight, R("COD", 50));

        Assert.Empty(station.Tick(Midnight.AddMinutes(15)));
        var offline = Assert.Single(station.Tick(Midnight.AddMinutes(15).AddSeconds(1)));
        Assert.Equal((new AlertCause(Station, null, RuleKind.StationOffline), AlertEventKind.Opened), (offline.Cause, offline.Kind));
        Assert.Empty(station.Tick(Midnight.AddMinutes(30)));

        // Data again at 00:40; it has flowed for the dead-man clear time (5 min) at 00:45.
        Assert.Empty(station.Send(Midnight.AddMinutes(40), R("COD", 50)));
        Assert.Empty(station.Tick(Midnight.AddMinutes(44)));
        Assert.Equal(AlertEventKind.Cleared, Assert.Single(station.Tick(Midnight.AddMinutes(45))).Kind);
    }

    [Fact]
    public void A_station_never_heard_of_goes_offline_15_minutes_after_start()
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.StationOffline));

        Assert.Empty(station.Tick(Midnight.AddMinutes(10)));
        Assert.Single(station.Tick(Midnight.AddMinutes(16)));
    }

    [Fact]
    public void A_silent_probe_alerts_per_parameter_while_the_station_still_sends()
    {
        var station = new StationHarness([Max("COD", 150)], Only(RuleKind.ParameterSilent, RuleKind.StationOffline), monitored: ["pH"]);
        station.Series(Midnight, 4, i => i == 0 ? [R("COD", 50), R("pH", 7)] : [R("COD", 50)]);

        var events = station.Tick(Midnight.AddMinutes(16));

        var silent = Assert.Single(events);
        Assert.Equal(new AlertCause(Station, "pH", RuleKind.ParameterSilent), silent.Cause);
    }

    [Fact]
    public void Silent_parameters_of_an_offline_station_raise_only_the_station_alert()
    {
        var station = new StationHarness([Max("COD", 150)], Only(RuleKind.ParameterSilent, RuleKind.StationOffline), monitored: ["pH"]);
        station.Send(Midnight, R("COD", 50), R("pH", 7));

        var events = station.Tick(Midnight.AddHours(1));

        Assert.Equal(RuleKind.StationOffline, Assert.Single(events).Cause.Rule);
    }

    [Fact]
    public void A_value_stuck_for_an_hour_is_a_flat_line_and_is_excluded()
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.FlatLine, RuleKind.HourlyMean));

        // 12.0 from 00:00: at 01:00 it has not changed for 60 minutes.
        Assert.Empty(station.Series(Midnight, 12, _ => [R("COD", 12)]));
        var flat = Assert.Single(station.Send(Midnight.AddMinutes(60), R("COD", 12)));

        Assert.Equal((RuleKind.FlatLine, AlertEventKind.Opened, 12.0), (flat.Cause.Rule, flat.Kind, flat.Value!.Value));
        Assert.Equal(1, station.Engine.Counters.FlatLine);
        // Moving again from 01:05: cleared once it has moved for 15 minutes.
        Assert.Empty(station.Series(Midnight.AddMinutes(65), 3, i => [R("COD", 13 + i)]));
        Assert.Equal(AlertEventKind.Cleared, Assert.Single(station.Send(Midnight.AddMinutes(80), R("COD", 20))).Kind);
    }

    [Fact]
    public void An_exceedance_sustained_for_30_minutes_raises_a_sustained_alert()
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.Sustained));

        // 180 mg/L (1.2x) from 00:00; at 00:25 the run is 25 minutes long, at 00:30 it is 30.
        Assert.Empty(station.Series(Midnight, 6, _ => [R("COD", 180)]));
        var sustained = Assert.Single(station.Send(Midnight.AddMinutes(30), R("COD", 200)));

        Assert.Equal((AlertEventKind.Opened, Severity.From1Point1, 1.2, Midnight.AddMinutes(30)), (sustained.Kind, sustained.Severity, sustained.Multiple!.Value, sustained.MeasuredAt));
    }

    [Theory]
    [InlineData(140)] // one compliant reading restarts the run
    [InlineData(-1)] // a gap longer than the silent time breaks it
    public void A_sustained_run_is_broken_by_a_compliant_reading_or_a_gap(double breaker)
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.Sustained));
        station.Series(Midnight, 4, _ => [R("COD", 180)]);
        if (breaker > 0)
        {
            station.Send(Midnight.AddMinutes(20), R("COD", breaker));
        }

        var restart = breaker > 0 ? Midnight.AddMinutes(25) : Midnight.AddMinutes(40);
        Assert.Empty(station.Series(restart, 6, _ => [R("COD", 180)]));
        Assert.Single(station.Send(restart.AddMinutes(30), R("COD", 180)));
    }

    [Fact]
    public void A_change_faster_than_the_configured_rate_alerts()
    {
        var settings = Only(RuleKind.RateOfChange) with { RateOfChangePerHour = new Dictionary<string, double> { ["pH"] = 2 } };
        var station = new StationHarness(Qcvn40B(), settings);
        station.Send(Midnight, R("pH", 7.0));

        // 0.1 in 5 minutes is 1.2 per hour: fine. Then 0.5 in 5 minutes is 6 per hour, 3 times the maximum.
        Assert.Empty(station.Send(Midnight.AddMinutes(5), R("pH", 7.1)));
        var fast = Assert.Single(station.Send(Midnight.AddMinutes(10), R("pH", 7.6)));

        Assert.Equal((RuleKind.RateOfChange, Severity.Warning, 2.0), (fast.Cause.Rule, fast.Severity, fast.LimitMax!.Value));
        Assert.Equal(6, fast.Value!.Value, 9);
        Assert.Equal(3, fast.Multiple!.Value, 9);
    }

    [Fact]
    public void Without_a_configured_rate_there_is_no_rate_rule()
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.RateOfChange));

        station.Send(Midnight, R("pH", 7.0));

        Assert.Empty(station.Send(Midnight.AddMinutes(5), R("pH", 2.0)));
    }
}
