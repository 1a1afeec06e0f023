using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;
using Microsoft.Extensions.Time.Testing;
using static EnvMonitoring.Rules.Tests.StationHarness;

namespace EnvMonitoring.Rules.Tests.Engine;

/// <summary>
/// A range limit (pH 6–9, QCVN 40 column A) is judged against the bound a value breaks, with no
/// multiple: its level is Decree 45/2022's pH band of the value itself (data: decree45-2022.json).
/// </summary>
public sealed class RangeLimitTests
{
    private static readonly ParameterLimit Ph69 = new(Catalog["pH"], 6, 9, LimitSource.Permit, Confidence.Confirmed, "test");
    private static readonly IReadOnlyList<RangeBand> Bands = SeverityScale.Default.RangeBandsFor("pH")!.Bands;

    [Fact]
    public void PH_4_5_breaks_the_lower_bound_6_and_has_no_multiple()
    {
        var station = new StationHarness([Ph69], Only(RuleKind.Instantaneous));

        var opened = Assert.Single(station.Send(Midnight, R("pH", 4.5)));

        Assert.Equal((LimitBound.Lower, 6.0, (double?)null), (opened.Bound!.Value, opened.LimitMin!.Value, opened.Multiple));
        Assert.Equal((1, Bands[0].Severity), (opened.Band!.Value, opened.Severity));
    }

    [Fact]
    public void PH_10_8_breaks_the_upper_bound_9_and_falls_in_the_band_of_its_value()
    {
        var station = new StationHarness([Ph69], Only(RuleKind.Instantaneous));

        var opened = Assert.Single(station.Send(Midnight, R("pH", 10.8)));

        // Not "1.2 times 9", and not a distance from the middle: 10.8 lies in the band from 10.5 to below 12.5.
        Assert.Equal((LimitBound.Upper, 9.0, (double?)null), (opened.Bound!.Value, opened.LimitMax!.Value, opened.Multiple));
        Assert.Equal((2, Bands[1].Severity), (opened.Band!.Value, opened.Severity));
    }

    [Theory]
    [InlineData(5.99, 1)]
    [InlineData(4.0, 1)] // "from 4": inclusive
    [InlineData(3.99, 2)]
    [InlineData(2.0, 2)]
    [InlineData(1.99, 3)]
    [InlineData(9.01, 1)]
    [InlineData(10.49, 1)]
    [InlineData(10.5, 2)] // "below 10.5": exclusive
    [InlineData(12.49, 2)]
    [InlineData(12.5, 3)]
    [InlineData(14, 3)]
    public void Bands_are_by_value_with_their_edges(double pH, int band)
    {
        var station = new StationHarness([Ph69], Only(RuleKind.Instantaneous));

        var opened = Assert.Single(station.Send(Midnight, R("pH", pH)));

        Assert.Equal((band, Bands[band - 1].Severity), (opened.Band!.Value, opened.Severity));
    }

    [Fact]
    public void A_range_alert_escalates_by_band_clears_within_the_range_and_remembers_its_peak()
    {
        var station = new StationHarness([Ph69], Only(RuleKind.Instantaneous) with { ApproachRatio = null });
        Assert.Equal(AlertEventKind.Opened, Assert.Single(station.Send(Midnight, R("pH", 5.2))).Kind);

        var escalated = Assert.Single(station.Send(Midnight.AddMinutes(5), R("pH", 3.5)));
        Assert.Equal((AlertEventKind.Escalated, 2), (escalated.Kind, escalated.Band!.Value));

        // Back to 7: cleared once it has stayed within the range for the clear time (15 min).
        Assert.Empty(station.Series(Midnight.AddMinutes(10), 3, _ => [R("pH", 7)]));
        var cleared = Assert.Single(station.Send(Midnight.AddMinutes(25), R("pH", 7)));
        Assert.Equal((AlertEventKind.Cleared, (int?)null), (cleared.Kind, cleared.Band));

        var alert = station.Engine.Alerts.Unresolved.Single();
        Assert.Equal((3.5, LimitBound.Lower, (double?)null), (alert.PeakValue!.Value, alert.PeakBound!.Value, alert.PeakMultiple));
    }

    [Fact]
    public void A_value_just_inside_the_range_keeps_the_alert_open_by_hysteresis()
    {
        var station = new StationHarness([Ph69], Only(RuleKind.Instantaneous) with { ApproachRatio = null });
        station.Send(Midnight, R("pH", 5.8));

        // 6.05 is within 6–9 but, with the 0.95 clear ratio, not far enough from the bound to count as back.
        Assert.Empty(station.Series(Midnight.AddMinutes(5), 6, _ => [R("pH", 6.05)]));
        Assert.NotNull(station.Active("pH", RuleKind.Instantaneous));
    }

    [Fact]
    public void A_sustained_range_exceedance_is_judged_at_its_mildest_reading()
    {
        var station = new StationHarness([Ph69], Only(RuleKind.Sustained));

        Assert.Empty(station.Series(Midnight, 6, i => [R("pH", i == 2 ? 5.7 : 3.5)]));
        var sustained = Assert.Single(station.Send(Midnight.AddMinutes(30), R("pH", 3.5)));

        Assert.Equal((5.7, LimitBound.Lower, 1), (sustained.Value!.Value, sustained.Bound!.Value, sustained.Band!.Value));
        Assert.Null(sustained.Multiple);
    }

    [Fact]
    public void A_range_without_bands_in_the_scale_is_a_warning_outside()
    {
        var scale = SeverityScale.Parse("""
            { "format": 1, "id": "test", "source": "test", "tiers": [ { "from": 1.1, "confidence": "C" }, { "from": 1.5, "confidence": "C" },
              { "from": 2, "confidence": "C" }, { "from": 3, "confidence": "C" }, { "from": 5, "confidence": "C" }, { "from": 10, "confidence": "C" } ] }
            """);
        var time = new FakeTimeProvider(Midnight);
        var engine = new RuleEngine(time, scale: scale);
        engine.Configure(StationRuleProfile.Create(Station, Medium.Water, [Ph69], null, Only(RuleKind.Instantaneous)));
        var events = new List<AlertEvent>();

        engine.Evaluate(Station, Midnight, [R("pH", 1.5)], events);

        var opened = Assert.Single(events);
        Assert.Equal((Severity.Warning, LimitBound.Lower, (int?)null, (double?)null), (opened.Severity, opened.Bound!.Value, opened.Band, opened.Multiple));
    }

    [Fact]
    public void An_upper_limit_keeps_its_multiple_and_says_its_bound()
    {
        var station = new StationHarness([Max("COD", 100)], Only(RuleKind.Instantaneous));

        var opened = Assert.Single(station.Send(Midnight, R("COD", 230)));

        Assert.Equal((LimitBound.Upper, Severity.From2, (int?)null), (opened.Bound!.Value, opened.Severity, opened.Band));
        Assert.Equal(2.3, opened.Multiple!.Value, 12);
        Assert.Equal((230.0, 2.3), (station.Engine.Alerts.Unresolved.Single().PeakValue!.Value, Math.Round(station.Engine.Alerts.Unresolved.Single().PeakMultiple!.Value, 12)));
    }
}
