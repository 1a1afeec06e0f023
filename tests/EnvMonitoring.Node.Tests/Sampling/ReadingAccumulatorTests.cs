using EnvMonitoring.Node.Probes;
using EnvMonitoring.Node.Sampling;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Node.Tests.Sampling;

public sealed class ReadingAccumulatorTests
{
    [Fact]
    public void Good_reads_are_averaged()
    {
        var reading = Take(ProbeReading.Measured(10), ProbeReading.Measured(12), ProbeReading.Measured(14));

        Assert.Equal((12.0, DeviceStatus.Measuring), reading);
    }

    [Fact]
    public void A_minority_of_failed_reads_leaves_the_mean_of_the_good_ones()
    {
        var reading = Take(ProbeReading.Measured(10), ProbeReading.Fault(), ProbeReading.Measured(14), ProbeReading.Fault(0));

        Assert.Equal((12.0, DeviceStatus.Measuring), reading);
    }

    [Fact]
    public void Mostly_failed_reads_are_a_fault_with_the_faulty_values()
    {
        var reading = Take(ProbeReading.Measured(10), ProbeReading.Fault(0), ProbeReading.Fault(2));

        Assert.Equal((1.0, DeviceStatus.Fault), reading);
    }

    [Fact]
    public void Any_read_during_calibration_marks_the_interval_calibrating()
    {
        var reading = Take(ProbeReading.Measured(10), new ProbeReading(7, DeviceStatus.Calibrating), ProbeReading.Measured(10));

        Assert.Equal((7.0, DeviceStatus.Calibrating), reading);
    }

    [Fact]
    public void A_probe_that_never_answered_gives_no_reading()
    {
        var accumulator = new ReadingAccumulator();
        accumulator.Add(ProbeReading.Fault());
        accumulator.Add(ProbeReading.Fault());

        Assert.False(accumulator.TryTake(out _, out _));
    }

    [Fact]
    public void Taking_starts_a_new_interval()
    {
        var accumulator = new ReadingAccumulator();
        accumulator.Add(ProbeReading.Fault(0));
        accumulator.TryTake(out _, out _);
        accumulator.Add(ProbeReading.Measured(5));

        Assert.True(accumulator.TryTake(out var value, out var status));
        Assert.Equal((5.0, DeviceStatus.Measuring), (value, status));
    }

    private static (double, DeviceStatus) Take(params ProbeReading[] reads)
    {
        var accumulator = new ReadingAccumulator();
        foreach (var read in reads)
        {
            accumulator.Add(read);
        }

        Assert.True(accumulator.TryTake(out var value, out var status));
        return (value, status);
    }
}
