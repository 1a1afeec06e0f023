using EnvMonitoring.Node.Probes;
using EnvMonitoring.Node.Sampling;
using EnvMonitoring.Node.Tests.Support;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Node.Tests.Sampling;

public sealed class StationSamplerTests
{
    private const string Station = "YB-WWTP-01";
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_report_averages_each_parameter_in_catalog_order()
    {
        var sampler = new StationSampler(Station,
            [new ScriptedProbe("COD", ProbeReading.Measured(40), ProbeReading.Measured(50)), new ScriptedProbe("pH", ProbeReading.Measured(7.0), ProbeReading.Measured(7.2))],
            new CalibrationModes());

        sampler.SampleOnce(Now);
        sampler.SampleOnce(Now.AddSeconds(5));
        var report = sampler.TakeReport();

        Assert.Equal(["pH", "COD"], report.Select(r => r.Parameter.Code));
        Assert.Equal(7.1, report[0].Value, 9);
        Assert.Equal(45, report[1].Value, 9);
    }

    [Fact]
    public void The_ph_probe_is_compensated_with_the_temperature_read_in_the_same_tick()
    {
        var ph = new ScriptedProbe("pH", ProbeReading.Measured(7));
        var sampler = new StationSampler(Station, [ph, new ScriptedProbe("Temp", ProbeReading.Measured(31.5))], new CalibrationModes());

        sampler.SampleOnce(Now);

        // Temperature first, then pH: the compensation arrives before the pH read of the tick.
        Assert.Equal([(0, 31.5)], ph.Compensations);
    }

    [Fact]
    public void A_failed_temperature_read_does_not_compensate()
    {
        var ph = new ScriptedProbe("pH", ProbeReading.Measured(7));
        var sampler = new StationSampler(Station, [ph, new ScriptedProbe("Temp", ProbeReading.Fault())], new CalibrationModes());

        sampler.SampleOnce(Now);

        Assert.Empty(ph.Compensations);
    }

    [Fact]
    public void Commanded_calibration_marks_the_named_parameters_until_it_ends()
    {
        var calibration = new CalibrationModes();
        var sampler = new StationSampler(Station, [new ScriptedProbe("COD", ProbeReading.Measured(40)), new ScriptedProbe("pH", ProbeReading.Measured(7))], calibration);
        calibration.Begin(Station, ["COD"], Now.AddMinutes(30));

        sampler.SampleOnce(Now);
        var during = sampler.TakeReport();
        sampler.SampleOnce(Now.AddMinutes(30));
        var after = sampler.TakeReport();

        Assert.Equal(DeviceStatus.Calibrating, Status(during, "COD"));
        Assert.Equal(DeviceStatus.Measuring, Status(during, "pH"));
        Assert.Equal(DeviceStatus.Measuring, Status(after, "COD"));
    }

    [Fact]
    public void A_command_without_parameters_covers_the_whole_station_and_can_be_ended()
    {
        var calibration = new CalibrationModes();
        var sampler = new StationSampler(Station, [new ScriptedProbe("COD", ProbeReading.Measured(40)), new ScriptedProbe("pH", ProbeReading.Measured(7))], calibration);
        calibration.Begin(Station, null, Now.AddHours(1));
        calibration.Begin("OTHER-01", null, Now.AddHours(1));

        sampler.SampleOnce(Now);
        Assert.All(sampler.TakeReport(), r => Assert.Equal(DeviceStatus.Calibrating, r.Status));

        calibration.End(Station, null);
        sampler.SampleOnce(Now.AddSeconds(5));
        Assert.All(sampler.TakeReport(), r => Assert.Equal(DeviceStatus.Measuring, r.Status));
        Assert.True(calibration.IsCalibrating("OTHER-01", "COD", Now));
    }

    [Fact]
    public void A_calibration_switch_marks_its_channel_while_closed()
    {
        var closed = true;
        var calibration = new CalibrationModes();
        calibration.AddSwitch(Station, "COD", () => closed);
        var sampler = new StationSampler(Station, [new ScriptedProbe("COD", ProbeReading.Measured(40))], calibration);

        sampler.SampleOnce(Now);
        Assert.Equal(DeviceStatus.Calibrating, Status(sampler.TakeReport(), "COD"));

        closed = false;
        sampler.SampleOnce(Now);
        Assert.Equal(DeviceStatus.Measuring, Status(sampler.TakeReport(), "COD"));
    }

    [Fact]
    public void A_channel_being_calibrated_reports_its_value_before_calibration()
    {
        var calibration = new CalibrationModes();
        var sampler = new StationSampler(Station, [new ScriptedProbe("pH", new ProbeReading(7.07, DeviceStatus.Measuring, Uncalibrated: 6.93))], calibration);
        calibration.Begin(Station, ["pH"], Now.AddMinutes(10));

        sampler.SampleOnce(Now);

        var reading = sampler.TakeReport().Single();
        Assert.Equal((6.93, DeviceStatus.Calibrating), (reading.Value, reading.Status));
    }

    [Fact]
    public void A_silent_probe_is_left_out_of_the_report()
    {
        var sampler = new StationSampler(Station, [new ScriptedProbe("COD", ProbeReading.Fault()), new ScriptedProbe("pH", ProbeReading.Measured(7))], new CalibrationModes());

        sampler.SampleOnce(Now);

        Assert.Equal(["pH"], sampler.TakeReport().Select(r => r.Parameter.Code));
    }

    private static DeviceStatus Status(IReadOnlyList<Reading> report, string code) => report.Single(r => r.Parameter.Code == code).Status;
}
