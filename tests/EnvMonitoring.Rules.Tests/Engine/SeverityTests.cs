using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;
using static EnvMonitoring.Rules.Tests.StationHarness;

namespace EnvMonitoring.Rules.Tests.Engine;

/// <summary>Severity by exceedance multiple (Decree 45/2022 tiers), against QCVN 40:2011 column B COD 150 mg/L.</summary>
public sealed class SeverityTests
{
    [Theory]
    [InlineData(119.9, Severity.None)]
    [InlineData(120, Severity.Approaching)]
    [InlineData(150, Severity.Approaching)]
    [InlineData(150.1, Severity.Warning)]
    [InlineData(164.9, Severity.Warning)]
    [InlineData(165, Severity.From1Point1)]
    [InlineData(224.9, Severity.From1Point1)]
    [InlineData(225, Severity.From1Point5)]
    [InlineData(299.9, Severity.From1Point5)]
    [InlineData(300, Severity.From2)]
    [InlineData(449.9, Severity.From2)]
    [InlineData(450, Severity.From3)]
    [InlineData(749.9, Severity.From3)]
    [InlineData(750, Severity.From5)]
    [InlineData(1499.9, Severity.From5)]
    [InlineData(1500, Severity.From10)]
    [InlineData(15000, Severity.From10)]
    public void Each_tier_starts_at_its_multiple(double cod, Severity expected)
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.Instantaneous));

        var events = station.Send(Midnight, R("COD", cod));

        if (expected == Severity.None)
        {
            Assert.Empty(events);
            return;
        }

        var opened = Assert.Single(events);
        Assert.Equal((AlertEventKind.Opened, expected, cod / 150), (opened.Kind, opened.Severity, opened.Multiple!.Value));
        Assert.Equal((150.0, cod), (opened.LimitMax!.Value, opened.Value!.Value));
    }

    [Theory]
    [InlineData(5.4, Severity.From1Point1)] // Decree 45's first pH band, by value: no "warning" below a tier
    [InlineData(5.5, Severity.Approaching)]
    [InlineData(7.0, Severity.None)]
    [InlineData(9.0, Severity.Approaching)]
    [InlineData(9.1, Severity.From1Point1)]
    public void PH_is_a_range_under_column_B(double pH, Severity expected)
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.Instantaneous));

        var events = station.Send(Midnight, R("pH", pH));

        Assert.Equal(expected, events.Select(e => e.Severity).SingleOrDefault());
        Assert.All(events, e => Assert.Equal((5.5, 9.0, (double?)null), (e.LimitMin!.Value, e.LimitMax!.Value, e.Multiple)));
    }

    [Fact]
    public void Without_an_approach_ratio_only_exceedances_alert()
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.Instantaneous) with { ApproachRatio = null });

        Assert.Empty(station.Send(Midnight, R("COD", 150)));
        Assert.Equal(Severity.Warning, Assert.Single(station.Send(Midnight.AddMinutes(5), R("COD", 151))).Severity);
    }

    [Theory]
    [InlineData(43, Severity.Warning)]
    [InlineData(60, Severity.From1Point5)]
    public void Temperature_is_judged_against_C_alone(double temp, Severity expected)
    {
        var station = new StationHarness(Qcvn40B(), Only(RuleKind.Instantaneous));

        Assert.Equal(expected, Assert.Single(station.Send(Midnight, R("Temp", temp))).Severity);
    }
}
