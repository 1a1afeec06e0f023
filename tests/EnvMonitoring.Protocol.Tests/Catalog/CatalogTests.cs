using System.Globalization;
using System.Text;
using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Protocol.Tests.Catalog;

/// <summary>The parameter catalog: the shipped data matches the contract, and a bad catalog file never loads.</summary>
public sealed class CatalogTests
{
    private static ParameterCatalog Load(string json) => ParameterCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static string CatalogJson(string entries) => $$$"""{"version":1,"parameters":[{{{entries}}}]}""";

    private static string Entry(string code = "\"COD\"", string medium = "\"water\"", double min = -10, double max = 100000) =>
        string.Create(CultureInfo.InvariantCulture,
            $$$"""{"code":{{{code}}},"name":"n","unit":"mg/L","medium":{{{medium}}},"acceptedMin":{{{min}}},"acceptedMax":{{{max}}}}""");

    public static TheoryData<string, string, Medium> ContractParameters => new()
    {
        { "pH", "-", Medium.Water },
        { "Temp", "°C", Medium.Water },
        { "COD", "mg/L", Medium.Water },
        { "BOD5", "mg/L", Medium.Water },
        { "TSS", "mg/L", Medium.Water },
        { "NH4", "mg/L", Medium.Water },
        { "TN", "mg/L", Medium.Water },
        { "TP", "mg/L", Medium.Water },
        { "Color", "Pt-Co", Medium.Water },
        { "FlowIn", "m³/h", Medium.Water },
        { "FlowOut", "m³/h", Medium.Water },
        { "Dust", "mg/Nm³", Medium.Air },
        { "SO2", "mg/Nm³", Medium.Air },
        { "NOx", "mg/Nm³", Medium.Air },
        { "CO", "mg/Nm³", Medium.Air },
        { "O2", "%", Medium.Air },
        { "GasFlow", "m³/h", Medium.Air },
        { "GasTemp", "°C", Medium.Air },
        { "Pressure", "kPa", Medium.Air },
    };

    [Theory]
    [MemberData(nameof(ContractParameters))]
    public void The_default_catalog_holds_each_contract_parameter_in_its_canonical_unit(string code, string unit, Medium medium)
    {
        Assert.True(ParameterCatalog.Default.TryGet(code.AsSpan(), out var parameter));
        Assert.Equal((code, unit, medium), (parameter.Code, parameter.Unit, parameter.Medium));
        Assert.True(parameter.AcceptedMin < parameter.AcceptedMax);
        Assert.Same(parameter, ParameterCatalog.Default[code]);
    }

    [Fact]
    public void The_default_catalog_holds_nothing_beyond_the_contract()
    {
        var contractCodes = ContractParameters.Select(row => (string)row[0]).Order(StringComparer.Ordinal);

        Assert.Equal(contractCodes, ParameterCatalog.Default.Parameters.Select(p => p.Code).Order(StringComparer.Ordinal));
        Assert.Equal(19, ParameterCatalog.Default.Count);
    }

    [Fact]
    public void Each_parameter_knows_its_position_in_the_catalog()
    {
        var parameters = ParameterCatalog.Default.Parameters;

        Assert.Equal(Enumerable.Range(0, parameters.Count), parameters.Select(p => p.Index));
    }

    [Fact]
    public void Accepts_ph_only_on_its_physical_scale()
    {
        var pH = ParameterCatalog.Default["pH"];

        Assert.Equal((0.0, 14.0), (pH.AcceptedMin, pH.AcceptedMax));
        Assert.True(pH.Accepts(0) && pH.Accepts(7.12) && pH.Accepts(14));
        Assert.False(pH.Accepts(-0.001) || pH.Accepts(14.001) || pH.Accepts(double.NaN) || pH.Accepts(double.PositiveInfinity));
    }

    [Theory]
    [InlineData("cod")]
    [InlineData("Cod")]
    [InlineData("PH")]
    [InlineData("COD ")]
    [InlineData("")]
    [InlineData("seq")]
    [InlineData("COD\0")]
    public void Looks_codes_up_case_sensitively_and_exactly(string code)
    {
        Assert.False(ParameterCatalog.Default.TryGet(code.AsSpan(), out _));
        Assert.False(ParameterCatalog.Default.TryGet(Encoding.UTF8.GetBytes(code).AsSpan(), out _));
        Assert.Throws<KeyNotFoundException>(() => ParameterCatalog.Default[code]);
    }

    [Fact]
    public void Looks_codes_up_by_utf8_bytes()
    {
        Assert.True(ParameterCatalog.Default.TryGet("GasTemp"u8, out var parameter));
        Assert.Equal("GasTemp", parameter.Code);
        Assert.False(ParameterCatalog.Default.TryGet(Encoding.UTF8.GetBytes(new string('A', 33)).AsSpan(), out _));
        Assert.False(ParameterCatalog.Default.TryGet([0x43, 0x4F, 0xFF], out _));
    }

    [Fact]
    public void Loads_a_catalog_with_comments_trailing_commas_and_any_casing_of_the_medium()
    {
        var catalog = Load("""
            // a site's own catalog
            {"version":1,"parameters":[
              {"code":"COD","unit":"mg/L","medium":"Water","acceptedMin":-10,"acceptedMax":100000},
              {"code":"Hg","name":"Mercury","unit":"mg/L","medium":"WATER","acceptedMin":0,"acceptedMax":1,},
              {"code":"HCl","unit":"mg/Nm³","medium":"air","acceptedMin":0,"acceptedMax":5000},
            ]}
            """);

        Assert.Equal(["COD", "Hg", "HCl"], catalog.Parameters.Select(p => p.Code));
        Assert.Equal([Medium.Water, Medium.Water, Medium.Air], catalog.Parameters.Select(p => p.Medium));
        Assert.Equal(["COD", "Mercury", "HCl"], catalog.Parameters.Select(p => p.Name));
        Assert.Equal((0.0, 1.0), (catalog["Hg"].AcceptedMin, catalog["Hg"].AcceptedMax));
    }

    [Fact]
    public void Rejects_a_catalog_listing_a_code_twice() =>
        Assert.Throws<CatalogException>(() => Load(CatalogJson(Entry("\"COD\"") + "," + Entry("\"TSS\"") + "," + Entry("\"COD\""))));

    [Fact]
    public void Lists_codes_that_differ_only_in_case_as_different_parameters()
    {
        var catalog = Load(CatalogJson(Entry("\"NOx\"") + "," + Entry("\"NOX\"")));

        Assert.NotSame(catalog["NOx"], catalog["NOX"]);
    }

    [Theory]
    [InlineData("\"N_H4\"")]
    [InlineData("\"4NH\"")]
    [InlineData("\"_COD\"")]
    [InlineData("\"C-OD\"")]
    [InlineData("\"C OD\"")]
    [InlineData("\"C.OD\"")]
    [InlineData("\"CÖD\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("\"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg\"")]
    [InlineData("\"seq\"")]
    public void Rejects_a_catalog_with_a_bad_code(string code) =>
        Assert.Throws<CatalogException>(() => Load(CatalogJson(Entry("\"pH\"") + "," + Entry(code))));

    [Fact]
    public void Accepts_a_code_of_32_characters() =>
        Assert.Equal(32, Load(CatalogJson(Entry("\"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef\""))).Parameters[0].Code.Length);

    [Theory]
    [InlineData("\"soil\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("\"0\"")]
    [InlineData("\"1\"")]
    [InlineData("\"7\"")]
    [InlineData("\"water, air\"")]
    [InlineData("\" water\"")]
    [InlineData("1")]
    public void Rejects_a_catalog_with_a_bad_medium(string medium) =>
        Assert.Throws<CatalogException>(() => Load(CatalogJson(Entry(medium: medium))));

    [Theory]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    [InlineData(0, 0)]
    [InlineData(-1, -10)]
    public void Rejects_a_catalog_whose_accepted_minimum_is_not_below_its_maximum(double min, double max) =>
        Assert.Throws<CatalogException>(() => Load(CatalogJson(Entry(min: min, max: max))));

    [Fact]
    public void Rejects_a_catalog_entry_without_a_range() =>
        Assert.Throws<CatalogException>(() => Load(CatalogJson("""{"code":"COD","unit":"mg/L","medium":"water"}""")));

    [Theory]
    [InlineData("""{"version":1,"parameters":[{"code":"COD","medium":"water","acceptedMin":0,"acceptedMax":1e400}]}""")]
    [InlineData("""{"version":1,"parameters":[{"code":"COD","medium":"water","acceptedMin":"0","acceptedMax":1}]}""")]
    [InlineData("""{"version":1,"parameters":[]}""")]
    [InlineData("""{"version":1}""")]
    [InlineData("""{"version":1,"parameters":null}""")]
    [InlineData("""{"version":1,"parameters":{}}""")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"version\":1,\"parameters\":[")]
    public void Rejects_a_catalog_file_that_is_not_a_usable_catalog(string json) =>
        Assert.Throws<CatalogException>(() => Load(json));

    [Fact]
    public void Refuses_a_null_stream() =>
        Assert.Throws<ArgumentNullException>(() => ParameterCatalog.Load(null!));
}
