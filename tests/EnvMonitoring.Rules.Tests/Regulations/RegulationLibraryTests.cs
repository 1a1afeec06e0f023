using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Tests.Regulations;

public sealed class RegulationLibraryTests
{
    [Fact]
    public void Default_library_holds_the_four_regulations_of_DOMAIN_md()
    {
        var ids = RegulationLibrary.Default.Regulations.Select(r => r.Id).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["QCVN 19:2009/BTNMT", "QCVN 19:2024/BTNMT", "QCVN 40:2011/BTNMT", "QCVN 40:2025/BTNMT"], ids);
    }

    [Theory]
    [InlineData("QCVN 40:2011/BTNMT", false, null)]
    [InlineData("QCVN 19:2009/BTNMT", false, null)]
    [InlineData("QCVN 40:2025/BTNMT", true, "Circular 06/2025")]
    [InlineData("QCVN 19:2024/BTNMT", true, "Circular 45/2024")]
    public void Newer_regulations_ship_as_structure_awaiting_their_values(string id, bool pending, string? from)
    {
        var regulation = RegulationLibrary.Default.Get(id);

        Assert.Equal(pending, regulation.HasPendingValues);
        if (from is not null)
        {
            Assert.Contains(from, regulation.PendingNote, StringComparison.Ordinal);
            Assert.All(regulation.Limits, l => Assert.All(l.Columns.Values, Assert.Null));
        }
    }

    [Fact]
    public void Each_value_carries_its_confidence_mark_and_likely_values_are_to_verify()
    {
        var qcvn40 = RegulationLibrary.Default.Get("QCVN 40:2011/BTNMT");
        var cod = qcvn40.FindLimit("COD")!.Columns["B"]!.Bands[0];
        var kf = qcvn40.FindFactor("Kf")!.Tables[0].Bands[0];
        var dust = RegulationLibrary.Default.Get("QCVN 19:2009/BTNMT").FindLimit("Dust")!.Columns["B"]!.Bands[0];

        Assert.Equal((150m, Confidence.Confirmed), (cod.Max!.Value, cod.Confidence));
        Assert.False(cod.Confidence.IsToVerify());
        Assert.Equal((1.2m, Confidence.Likely), (kf.Value!.Value, kf.Confidence));
        Assert.True(kf.Confidence.IsToVerify());
        Assert.Equal((200m, Confidence.Likely), (dust.Max!.Value, dust.Confidence));
        Assert.Contains("DOMAIN.md", qcvn40.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Decree_45_tiers_are_data_with_their_marks()
    {
        var tiers = SeverityScale.Default.Tiers;

        Assert.Equal([1.1m, 1.5m, 2m, 3m, 5m, 10m], tiers.Select(t => t.From));
        Assert.Equal(Confidence.Confirmed, tiers[0].Confidence);
        Assert.All(tiers.Skip(1), t => Assert.Equal(Confidence.Likely, t.Confidence));
        Assert.Equal(Severity.From1Point1, tiers[0].Severity);
    }

    [Fact]
    public void A_station_referencing_QCVN_40_2025_fails_clearly_until_values_are_loaded()
    {
        var declaration = new LimitDeclaration { Regulation = "QCVN 40:2025/BTNMT", Column = "A", Site = SiteInputs.ForWastewater(1200) };

        var error = Assert.Throws<RegulationException>(() => StationLimits.Resolve(RegulationLibrary.Default, declaration));

        Assert.Contains("QCVN 40:2025/BTNMT has no value yet", error.Message, StringComparison.Ordinal);
        Assert.Contains("Circular 06/2025", error.Message, StringComparison.Ordinal);
        Assert.Contains("Load a corrected regulation file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1200, 60)]
    [InlineData(2000, 60)]
    [InlineData(2001, 50)]
    public void Once_values_are_loaded_at_run_time_a_banded_limit_follows_the_discharge(int dischargeM3PerDay, double cod)
    {
        // Invented numbers with the 2025 structure: the real ones are still to fill from the circular.
        const string Filled = """
            { "format": 1, "id": "QCVN 40:2025/BTNMT", "title": "t", "medium": "water", "issuedBy": "Circular 06/2025/TT-BTNMT",
              "source": "test values", "bandInput": "dischargeM3PerDay",
              "columns": [ { "code": "A", "description": "a", "confidence": "L" } ],
              "formula": { "factors": [], "confidence": "L" }, "factors": [],
              "limits": [
                { "parameter": "COD", "unit": "mg/L", "factors": false,
                  "columns": { "A": { "bands": [ { "upTo": 2000, "max": 60, "confidence": "U" }, { "upTo": null, "max": 50, "confidence": "U" } ] } } },
                { "parameter": "pH", "unit": "-", "factors": false, "columns": { "A": { "min": 6, "max": 9, "confidence": "U" } } } ] }
            """;
        var library = RegulationLibrary.Default.WithFile(Filled);

        var limits = StationLimits.Resolve(library, new LimitDeclaration { Regulation = "QCVN 40:2025/BTNMT", Column = "A", Site = SiteInputs.ForWastewater(dischargeM3PerDay) });

        var limit = Assert.Single(limits, l => l.Parameter.Code == "COD");
        Assert.Equal(cod, limit.Max);
        Assert.True(limit.ToVerify);
        Assert.True(RegulationLibrary.Default.Get("QCVN 40:2025/BTNMT").HasPendingValues);
    }

    [Fact]
    public void A_corrected_file_replaces_the_shipped_one_by_id()
    {
        var corrected = Embedded("qcvn40-2011.json").Replace("\"max\": 150, \"confidence\": \"C\" } } },\n    { \"parameter\": \"TSS\"", "\"max\": 140, \"confidence\": \"C\" } } },\n    { \"parameter\": \"TSS\"", StringComparison.Ordinal);
        Assert.NotEqual(Embedded("qcvn40-2011.json"), corrected);

        var library = RegulationLibrary.Default.WithFile(corrected);

        Assert.Equal(4, library.Regulations.Count);
        Assert.Equal(140m, library.Get("QCVN 40:2011/BTNMT").FindLimit("COD")!.Columns["B"]!.Bands[0].Max);
        Assert.Equal(150m, RegulationLibrary.Default.Get("QCVN 40:2011/BTNMT").FindLimit("COD")!.Columns["B"]!.Bands[0].Max);
    }

    [Theory]
    [InlineData("\"parameter\": \"COD\"", "\"parameter\": \"Cod\"", "'Cod' is not in the parameter catalog")]
    [InlineData("\"confidence\": \"L\" },\n    { \"code\": \"B\"", "\"confidance\": \"L\" },\n    { \"code\": \"B\"", "confidance")]
    [InlineData("\"parameter\": \"BOD5\",  \"unit\": \"mg/L\"", "\"parameter\": \"BOD5\",  \"unit\": \"g/L\"", "differs from the catalog's canonical unit")]
    [InlineData("{ \"upTo\": 200, \"value\": 1.0", "{ \"upTo\": 20, \"value\": 1.0", "band edges must rise")]
    [InlineData("\"A\": { \"max\": 40, \"confidence\": \"C\" }, \"B\": { \"max\": 40, \"confidence\": \"C\" }", "\"A\": { \"max\": 40, \"confidence\": \"C\" }", "column B is missing")]
    [InlineData("\"A\": { \"max\": 75, \"confidence\": \"C\" }", "\"A\": { \"max\": 75, \"confidence\": \"X\" }", "confidence 'X' must be C")]
    [InlineData("\"A\": { \"max\": 75, \"confidence\": \"C\" }", "\"A\": null", "'pending' does not say")]
    [InlineData("\"format\": 1", "\"format\": 2", "format 2 is not supported")]
    [InlineData("\"min\": 6, \"max\": 9", "\"min\": 9, \"max\": 6", "'min' 9 must be below 'max' 6")]
    [InlineData("\"factors\": [ \"Kq\", \"Kf\" ]", "\"factors\": [ \"Kq\" ]", "factor 'Kf' is defined but not used")]
    [InlineData("{ \"upTo\": 50, \"value\": 1.2", "{ \"upTo\": 50, \"value\": -1.2", "must be above zero")]
    [InlineData("{", "", "not valid")]
    public void A_broken_file_is_refused_with_a_message_naming_the_problem(string find, string replace, string expected)
    {
        var text = Embedded("qcvn40-2011.json");
        Assert.Contains(find, text, StringComparison.Ordinal);
        var broken = ReplaceFirst(text, find, replace);

        var error = Assert.Throws<RegulationException>(() => RegulationLibrary.Default.WithFile(broken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_severity_scale_with_falling_tiers_is_refused()
    {
        var text = Embedded(SeverityScale.EmbeddedFile).Replace("\"from\": 3,", "\"from\": 1.2,", StringComparison.Ordinal);

        var error = Assert.Throws<RegulationException>(() => SeverityScale.Parse(text));

        Assert.Contains("tier 4 must start above 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decree_45_pH_bands_are_data_by_value_and_marked_to_verify()
    {
        var bands = SeverityScale.Default.RangeBandsFor("pH")!;

        Assert.Equal([4m, 2m, null], bands.Bands.Select(b => b.LowerFrom));
        Assert.Equal([10.5m, 12.5m, null], bands.Bands.Select(b => b.UpperBelow));
        Assert.All(bands.Bands, b => Assert.True(b.Confidence.IsToVerify()));
        Assert.True(bands.Confidence.IsToVerify());
        Assert.Null(SeverityScale.Default.RangeBandsFor("COD"));
    }

    [Theory]
    [InlineData("\"lowerFrom\": 2,", "\"lowerFrom\": 5,", "each band lies further out")]
    [InlineData("\"severity\": \"from3\"", "\"severity\": \"warning\"", "cannot have a lower severity")]
    [InlineData("\"severity\": \"from10\"", "\"severity\": \"approaching\"", "'severity' must be one of")]
    [InlineData("\"upperBelow\": 12.5,", "\"upperBelow\": null,", "only the last band is open")]
    public void A_severity_scale_with_bad_range_bands_is_refused(string find, string replace, string expected)
    {
        var text = ReplaceFirst(Embedded(SeverityScale.EmbeddedFile), find, replace);

        var error = Assert.Throws<RegulationException>(() => SeverityScale.Parse(text));

        Assert.Contains("rangeBands of pH", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static string Embedded(string file)
    {
        using var reader = new StreamReader(RegulationLibrary.OpenEmbedded(file));
        return reader.ReadToEnd();
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }
}
