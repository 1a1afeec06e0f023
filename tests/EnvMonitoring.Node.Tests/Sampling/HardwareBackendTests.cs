using System.Device.Gpio;
using EnvMonitoring.Node.Hardware;
using EnvMonitoring.Node.Tests.Publishing;
using EnvMonitoring.Node.Tests.Support;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Node.Tests.Sampling;

/// <summary>
/// The node with the hardware backend, configured by the documented example
/// (firmware/examples/appsettings.Production.json), its chips simulated at the register level:
/// every channel is read, scaled, calibrated, averaged and published; the calibration switch and
/// broken probes show in the status.
/// </summary>
public sealed class HardwareBackendTests : IDisposable
{
    private const string Station = "YB-WWTP-01";
    private const double ShuntOhms = 150;
    private const int FlowPin = 17;
    private const int CalibrationPin = 27;
    private const int PulsesPerBurst = 5;
    private static readonly TimeSpan BurstPeriod = TimeSpan.FromMilliseconds(50);

    private readonly SimulatedBoard _board = new();
    private readonly TemporaryDirectory _buffer = new();

    [Fact]
    public async Task The_documented_channels_are_read_into_calibrated_samples_with_their_status()
    {
        await using var broker = await TestBroker.StartAsync();
        Loop(0, milliamperes: 12);   // COD 0–500 mg/L
        Loop(1, milliamperes: 8);    // TSS 0–1000 mg/L
        Loop(2, milliamperes: 4.8);  // NH4 0–50 mg/L
        _board.PhInterface.ElectrodeMillivolts = 0;
        _board.Rtd.RtdOhms = 109.73;
        await using var node = await NodeUnderTest.StartAsync(Settings(broker), s => s.AddSingleton<IDeviceBuses>(_board), Example);
        using var stopPulses = new CancellationTokenSource();
        var pulses = PulseAsync(stopPulses.Token);

        var sample = await NextAsync(broker, s => s.Readings.Count == 6);

        Assert.Equal(254.117, Value(sample, "COD"), 2);   // 250 as read, through the two-point calibration
        Assert.Equal(250, Value(sample, "TSS"), 2);
        Assert.Equal(2.5, Value(sample, "NH4"), 2);
        Assert.Equal(7.071, Value(sample, "pH"), 2);      // pH 7.00 as read, through the three-buffer calibration
        Assert.InRange(Value(sample, "Temp"), 24.9, 25.1);
        Assert.InRange(Value(sample, "FlowOut"), 100, 10_000);
        Assert.All(sample.Readings, r => Assert.Equal(DeviceStatus.Measuring, r.Status));

        _board.Pins.SetLevel(CalibrationPin, PinValue.Low);
        var calibrating = await NextAsync(broker, s => Status(s, "COD") == DeviceStatus.Calibrating);
        Assert.Equal(DeviceStatus.Measuring, Status(calibrating, "TSS"));
        Assert.Equal(250, Value(calibrating, "COD"), 2);  // as read, before its calibration: the technician's "Measured"

        _board.Pins.SetLevel(CalibrationPin, PinValue.High);
        Loop(0, milliamperes: 0);
        var broken = await NextAsync(broker, s => Status(s, "COD") == DeviceStatus.Fault);
        Assert.Equal(0, Value(broken, "COD"));

        _board.PhInterface.Unplugged = true;
        var silent = await NextAsync(broker, s => !s.TryGetReading("pH", out _));
        Assert.Equal(5, silent.Readings.Count);

        await stopPulses.CancelAsync();
        await pulses;
        Delivered.AssertComplete(broker, Station);
    }

    public void Dispose()
    {
        _board.Dispose();
        _buffer.Dispose();
    }

    private static string Example => Path.Combine(AppContext.BaseDirectory, "examples", "appsettings.Production.json");

    private static double Value(Sample sample, string code) => sample.TryGetReading(code, out var reading) ? reading.Value : double.NaN;

    private static DeviceStatus? Status(Sample sample, string code) => sample.TryGetReading(code, out var reading) ? reading.Status : null;

    private static async Task<Sample> NextAsync(TestBroker broker, Func<Sample, bool> condition)
    {
        var seen = broker.Accepted.Count;
        Sample? found = null;
        await Eventually.UntilAsync(() => (found = broker.Accepted.Skip(seen).FirstOrDefault(condition)) is not null, TimeSpan.FromSeconds(30), "a matching sample arrives");
        return found!;
    }

    private void Loop(int input, double milliamperes) => _board.Adc.Inputs[input] = milliamperes / 1000 * ShuntOhms;

    /// <summary>
    /// A flow meter pulsing about a hundred times a second: bursts of <see cref="PulsesPerBurst"/>
    /// every <see cref="BurstPeriod"/>. The period is the simulated signal, not a wait for anything.
    /// </summary>
    private async Task PulseAsync(CancellationToken stop)
    {
        using var bursts = new PeriodicTimer(BurstPeriod);
        try
        {
            do
            {
                _board.Pins.Pulse(FlowPin, PulsesPerBurst);
            }
            while (await bursts.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Done.
        }
    }

    private Dictionary<string, string?> Settings(TestBroker broker) => new()
    {
        ["Node:Gateway:Host"] = "127.0.0.1",
        ["Node:Gateway:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Node:Buffer:Directory"] = _buffer.Path,
        ["Node:ReportInterval"] = "00:00:02",
        ["Node:SampleInterval"] = "00:00:01",
    };
}
