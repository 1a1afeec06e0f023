using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Tests.Limits;

/// <summary>
/// A limit's terms: the parts its English <see cref="ParameterLimit.Basis"/> is made of, so the dashboard
/// can say it in Vietnamese ("cột A", "vùng khu công nghiệp") with its own number format.
/// </summary>
public sealed class LimitTermsTests
{
    [Fact]
    public void A_regulation_limit_names_its_column_its_value_and_each_coefficient_with_the_input_that_chose_it()
    {
        var limits = StationLimits.Resolve(RegulationLibrary.Default, new LimitDeclaration
        {
            Regulation = "QCVN 40:2011/BTNMT",
            Column = "A",
            Site = SiteInputs.ForWastewater(1200).WithRiver(30),
        });

        var cod = Assert.Single(limits, l => l.Parameter.Code == "COD");
        var terms = Assert.IsType<LimitTerms>(cod.Terms);
        Assert.Equal(("QCVN 40:2011/BTNMT", "A", (string?)null, (decimal?)null, (decimal?)75), (terms.Regulation, terms.Column, terms.Permit, terms.Min, terms.Max));
        Assert.Equal(
            [("Kq", 0.9m, "riverDrySeasonFlowM3PerS", (decimal?)30m), ("Kf", 1.0m, "dischargeM3PerDay", (decimal?)1200m)],
            terms.Factors.Select(f => (f.Name, f.Value, f.Input, f.Quantity)).ToList());
        Assert.Equal(67.5, cod.Max);

        // pH takes no coefficient: its range alone.
        var pH = Assert.Single(limits, l => l.Parameter.Code == "pH");
        Assert.Equal(((decimal?)6, (decimal?)9, 0), (pH.Terms!.Min, pH.Terms.Max, pH.Terms.Factors.Count));
    }

    [Fact]
    public void A_zone_coefficient_keeps_the_zone_chosen_and_a_permit_limit_its_reference()
    {
        var air = StationLimits.Resolve(RegulationLibrary.Default, new LimitDeclaration
        {
            Regulation = "QCVN 19:2009/BTNMT",
            Column = "B",
            Site = SiteInputs.ForStack(50000, "industrial"),
        });
        var kv = Assert.Single(Assert.Single(air, l => l.Parameter.Code == "Dust").Terms!.Factors, f => f.Name == "Kv");
        Assert.Equal(("zone", "industrial", (decimal?)null), (kv.Input, kv.Choice, kv.Quantity));

        var permit = StationLimits.Resolve(RegulationLibrary.Empty, new LimitDeclaration { Permit = [new PermitLimit("NH4", null, 8, "GP-9")] });
        var terms = Assert.Single(permit).Terms!;
        Assert.Equal(("GP-9", (string?)null, (decimal?)8), (terms.Permit, terms.Regulation, terms.Max));
    }
}
