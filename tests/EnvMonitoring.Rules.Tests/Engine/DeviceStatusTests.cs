using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;
using static EnvMonitoring.Rules.Tests.StationHarness;

namespace EnvMonitoring.Rules.Tests.Engine;

/// <summary>Circular 10/2021 device status: 01 calibrating suppresses exceedance alerts, 02 device error raises its own alert.</summary>
public sealed class DeviceStatusTests
{
    [Fact]
    public void Calibrating_readings_raise_no_exceedance_alert()
    {
        var station = new StationHarness(Qcvn40B());

        // A calibration solution far above the limit for an hour.
        station.Series(Midnight, 12, _ => [R("COD", 900, DeviceStatus.Calibrating)]);

        Assert.Empty(station.Events);
        Assert.Equal(12, station.Engine.Counters.Calibrating);
    }

    [Fact]
    public void Measuring_again_after_calibration_is_judged_at_once()
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.Instantaneous));
        station.Series(Midnight, 3, _ => [R("COD", 900, DeviceStatus.Calibrating)]);

        var opened = Assert.Single(station.Send(Midnight.AddMinutes(15), R("COD", 900)));

        Assert.Equal(Severity.From5, opened.Severity);
    }

    [Fact]
    public void A_device_fault_raises_its_own_alert_and_no_exceedance()
    {
        var station = new StationHarness(Qcvn40B());

        var events = station.Send(Midnight, R("COD", 5000, DeviceStatus.Fault), R("pH", 7.1));

        var fault = Assert.Single(events);
        Assert.Equal((new AlertCause(Station, "COD", RuleKind.DeviceFault), AlertEventKind.Opened, Severity.Warning), (fault.Cause, fault.Kind, fault.Severity));
        Assert.Null(fault.Multiple);
        Assert.Equal(5000, fault.Value);
        Assert.Empty(station.Series(Midnight.AddMinutes(5), 5, _ => [R("COD", 5000, DeviceStatus.Fault)]));
    }

    [Fact]
    public void A_device_fault_clears_after_the_clear_time_of_good_readings()
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.DeviceFault));
        station.Send(Midnight, R("COD", 50, DeviceStatus.Fault));

        // Measuring again from 00:05: 00:05, 00:10, 00:15 are not 15 minutes of evidence yet; 00:20 is.
        Assert.Empty(station.Series(Midnight.AddMinutes(5), 3, _ => [R("COD", 50)]));
        var cleared = Assert.Single(station.Send(Midnight.AddMinutes(20), R("COD", 50)));

        Assert.Equal((AlertEventKind.Cleared, Midnight.AddMinutes(20)), (cleared.Kind, cleared.MeasuredAt));
        Assert.Null(station.Active("COD", RuleKind.DeviceFault));
    }
}
