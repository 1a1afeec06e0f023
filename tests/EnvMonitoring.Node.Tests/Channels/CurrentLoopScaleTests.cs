using EnvMonitoring.Node.Channels;
using EnvMonitoring.Protocol.Samples;
using UnitsNet;

namespace EnvMonitoring.Node.Tests.Channels;

public sealed class CurrentLoopScaleTests
{
    private static readonly CurrentLoopScale Cod = new(0, 500);

    [Theory]
    [InlineData(4.0, 0.0)]
    [InlineData(8.0, 125.0)]
    [InlineData(12.0, 250.0)]
    [InlineData(20.0, 500.0)]
    [InlineData(3.6, -12.5)]
    [InlineData(21.0, 531.25)]
    public void Loop_current_is_linear_over_the_analyser_range(double milliamperes, double cod)
    {
        var reading = Cod.ToReading(ElectricCurrent.FromMilliamperes(milliamperes));

        Assert.Equal(DeviceStatus.Measuring, reading.Status);
        Assert.Equal(cod, reading.Value!.Value, 9);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(3.59, 0.0)]
    [InlineData(21.01, 500.0)]
    [InlineData(24.0, 500.0)]
    public void Below_3_6_or_above_21_mA_is_a_fault_clamped_to_the_range(double milliamperes, double clamped)
    {
        var reading = Cod.ToReading(ElectricCurrent.FromMilliamperes(milliamperes));

        Assert.Equal(DeviceStatus.Fault, reading.Status);
        Assert.Equal(clamped, reading.Value!.Value, 9);
    }

    [Fact]
    public void A_reversed_range_scales_downwards()
    {
        var reading = new CurrentLoopScale(14, 0).ToReading(ElectricCurrent.FromMilliamperes(8));

        Assert.Equal(10.5, reading.Value!.Value, 9);
    }
}
