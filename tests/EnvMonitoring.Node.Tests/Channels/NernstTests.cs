using EnvMonitoring.Node.Channels;
using UnitsNet;

namespace EnvMonitoring.Node.Tests.Channels;

public sealed class NernstTests
{
    [Theory]
    [InlineData(0, 54.20)]
    [InlineData(25, 59.16)]
    [InlineData(40, 62.14)]
    public void Slope_is_ln10_RT_over_F(double celsius, double millivoltsPerPh) =>
        Assert.Equal(millivoltsPerPh, Nernst.SlopeMillivoltsPerPh(Temperature.FromDegreesCelsius(celsius)), 2);

    [Fact]
    public void Potential_and_ph_convert_both_ways()
    {
        var temperature = Temperature.FromDegreesCelsius(31);
        foreach (var ph in new[] { 2.0, 6.5, 7.0, 8.8, 12.0 })
        {
            Assert.Equal(ph, Nernst.ToPh(Nernst.ToPotential(ph, temperature), temperature), 9);
        }
    }
}
