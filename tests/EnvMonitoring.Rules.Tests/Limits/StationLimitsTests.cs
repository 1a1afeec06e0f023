using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Tests.Limits;

/// <summary>Limits computed by hand from DOMAIN.md: Cmax = C × Kq × Kf (QCVN 40:2011), C × Kp × Kv (QCVN 19:2009).</summary>
public sealed class StationLimitsTests
{
    private const string Qcvn40 = "QCVN 40:2011/BTNMT";
    private const string Qcvn19 = "QCVN 19:2009/BTNMT";

    [Theory]
    // River 30 m³/s → Kq 0.9; 1,200 m³/24 h → Kf 1.0.
    [InlineData("A", "COD", 67.5)]
    [InlineData("B", "COD", 135)]
    [InlineData("A", "BOD5", 27)]
    [InlineData("B", "BOD5", 45)]
    [InlineData("A", "TSS", 45)]
    [InlineData("B", "TSS", 90)]
    [InlineData("A", "NH4", 4.5)]
    [InlineData("B", "NH4", 9)]
    [InlineData("A", "TN", 18)]
    [InlineData("B", "TP", 5.4)]
    [InlineData("A", "Color", 50)]
    [InlineData("B", "Color", 150)]
    public void Column_A_and_column_B_give_their_own_limits(string column, string parameter, double expected)
    {
        var limits = Resolve(column, SiteInputs.ForWastewater(1200).WithRiver(30));

        Assert.Equal(expected, Max(limits, parameter));
    }

    [Fact]
    public void Kq_and_Kf_apply_to_COD_but_not_to_pH_temperature_or_colour()
    {
        // River 600 m³/s → Kq 1.2; 40 m³/24 h → Kf 1.2: COD 150 × 1.44 = 216.
        var limits = Resolve("B", SiteInputs.ForWastewater(40).WithRiver(600));

        Assert.Equal(216, Max(limits, "COD"));
        Assert.Equal(40, Max(limits, "Temp"));
        Assert.Equal(150, Max(limits, "Color"));
        var pH = Assert.Single(limits, l => l.Parameter.Code == "pH");
        Assert.Equal((5.5, 9.0), (pH.Min, pH.Max));
        Assert.Equal("QCVN 40:2011/BTNMT column B: 5.5–9 -", pH.Basis);
    }

    [Theory]
    [InlineData(50, 180)]
    [InlineData(50.1, 165)]
    [InlineData(500, 165)]
    [InlineData(500.1, 150)]
    [InlineData(5000, 150)]
    [InlineData(5000.1, 135)]
    public void Kf_follows_the_discharge_bands(double dischargeM3PerDay, double cod)
    {
        var limits = Resolve("B", SiteInputs.ForWastewater((decimal)dischargeM3PerDay).WithRiver(100));

        Assert.Equal(cod, Max(limits, "COD"));
    }

    [Theory]
    [InlineData("river", 50, 135)]
    [InlineData("river", 50.1, 150)]
    [InlineData("river", 200, 150)]
    [InlineData("river", 200.1, 165)]
    [InlineData("river", 500, 165)]
    [InlineData("river", 500.1, 180)]
    [InlineData("lake", 10_000_000, 90)]
    [InlineData("lake", 10_000_001, 120)]
    [InlineData("lake", 100_000_000, 120)]
    [InlineData("lake", 100_000_001, 150)]
    public void Kq_follows_the_receiving_water(string water, double size, double cod)
    {
        var site = SiteInputs.ForWastewater(1200);
        site = water == "river" ? site.WithRiver((decimal)size) : site.WithLake((decimal)size);

        Assert.Equal(cod, Max(Resolve("B", site), "COD"));
    }

    [Theory]
    [InlineData("aquatic-or-recreation", 150)]
    [InlineData("other", 195)]
    public void Kq_of_coastal_water_follows_its_use(string use, double cod) =>
        Assert.Equal(cod, Max(Resolve("B", SiteInputs.ForWastewater(1200).WithCoast(use)), "COD"));

    [Theory]
    // Dust B 200, column A 400; Kp by stack flow, Kv by zone.
    [InlineData("B", 20_000, "industrial", 200)]
    [InlineData("B", 20_001, "industrial", 180)]
    [InlineData("B", 100_000, "urban", 144)]
    [InlineData("B", 100_001, "rural-mountainous", 224)]
    [InlineData("B", 5_000, "special-urban", 120)]
    [InlineData("B", 50_000, "rural", 216)]
    [InlineData("A", 50_000, "rural", 432)]
    public void Stack_limits_take_Kp_and_Kv(string column, double stackFlow, string zone, double dust)
    {
        var limits = StationLimits.Resolve(
            RegulationLibrary.Default,
            new LimitDeclaration { Regulation = Qcvn19, Column = column, Site = SiteInputs.ForStack((decimal)stackFlow, zone) });

        Assert.Equal(dust, Max(limits, "Dust"));
        Assert.Equal(4, limits.Count);
    }

    [Fact]
    public void A_limit_explains_itself_and_is_to_verify_when_a_coefficient_is_only_likely()
    {
        var cod = Assert.Single(Resolve("B", SiteInputs.ForWastewater(1200).WithRiver(30)), l => l.Parameter.Code == "COD");

        Assert.Equal(
            "QCVN 40:2011/BTNMT column B: 150 × Kq 0.9 (riverDrySeasonFlowM3PerS 30 in ≤ 50) × Kf 1 (dischargeM3PerDay 1200 in 500–5000) = 135 mg/L",
            cod.Basis);
        Assert.Equal((LimitSource.Regulation, Confidence.Likely, true), (cod.Source, cod.Confidence, cod.ToVerify));
    }

    [Fact]
    public void The_permit_wins_parameter_by_parameter()
    {
        var declaration = new LimitDeclaration
        {
            Regulation = Qcvn40,
            Column = "B",
            Site = SiteInputs.ForWastewater(1200).WithRiver(100),
            Permit = [new PermitLimit("COD", null, 100, "GP-123/2024"), new PermitLimit("pH", 6, 8.5, "GP-123/2024")],
        };

        var limits = StationLimits.Resolve(RegulationLibrary.Default, declaration);

        var cod = Assert.Single(limits, l => l.Parameter.Code == "COD");
        Assert.Equal((100.0, LimitSource.Permit, false), (cod.Max!.Value, cod.Source, cod.ToVerify));
        Assert.Equal((6.0, 8.5), (Assert.Single(limits, l => l.Parameter.Code == "pH").Min, Max(limits, "pH")));
        Assert.Equal(100, Max(limits, "TSS"));
        Assert.Equal(9, limits.Count);
    }

    [Fact]
    public void A_station_may_have_only_its_permit()
    {
        var limits = StationLimits.Resolve(RegulationLibrary.Empty, new LimitDeclaration { Permit = [new PermitLimit("NH4", null, 8, "GP-9")] });

        Assert.Equal(8, Max(limits, "NH4"));
    }

    [Fact]
    public void A_coefficient_declared_for_the_station_replaces_the_tables() =>
        Assert.Equal(150, Max(Resolve("B", SiteInputs.ForWastewater(1200).WithFactor("Kq", 1)), "COD"));

    [Theory]
    [InlineData("no-water", "factor Kq needs one of the station inputs riverDrySeasonFlowM3PerS, lakeVolumeM3, coastalUse")]
    [InlineData("two-waters", "factor Kq is ambiguous")]
    [InlineData("column-C", "has no column 'C'; columns: A, B")]
    [InlineData("unknown-regulation", "Regulation 'QCVN 99' is not loaded")]
    [InlineData("unknown-zone", "'downtown' is not a known zone; expected one of special-urban, urban, industrial, rural, rural-mountainous")]
    [InlineData("permit-typo", "'cod' is not in the parameter catalog")]
    public void A_declaration_that_cannot_give_limits_fails_with_a_clear_error(string situation, string expected)
    {
        var declaration = situation switch
        {
            "no-water" => new LimitDeclaration { Regulation = Qcvn40, Column = "B", Site = SiteInputs.ForWastewater(1200) },
            "two-waters" => new LimitDeclaration { Regulation = Qcvn40, Column = "B", Site = SiteInputs.ForWastewater(1200).WithRiver(10).WithLake(10) },
            "column-C" => new LimitDeclaration { Regulation = Qcvn40, Column = "C", Site = SiteInputs.ForWastewater(1200).WithRiver(10) },
            "unknown-regulation" => new LimitDeclaration { Regulation = "QCVN 99", Column = "B" },
            "unknown-zone" => new LimitDeclaration { Regulation = Qcvn19, Column = "B", Site = SiteInputs.ForStack(1000, "downtown") },
            _ => new LimitDeclaration { Permit = [new PermitLimit("cod", null, 100, "GP-1")] },
        };

        var error = Assert.Throws<RegulationException>(() => StationLimits.Resolve(RegulationLibrary.Default, declaration));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<ParameterLimit> Resolve(string column, SiteInputs site) =>
        StationLimits.Resolve(RegulationLibrary.Default, new LimitDeclaration { Regulation = Qcvn40, Column = column, Site = site });

    private static double? Max(IEnumerable<ParameterLimit> limits, string code) => Assert.Single(limits, l => l.Parameter.Code == code).Max;
}
