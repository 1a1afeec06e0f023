using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Circular10;

namespace EnvMonitoring.Protocol.Tests.Circular10;

/// <summary>The per-station table from the gateway's configuration: our station, names → catalog codes, ignored names.</summary>
public sealed class StationFileMappingTests
{
    [Fact]
    public void Resolves_names_case_insensitively_and_catalog_codes_only_exactly()
    {
        var mapping = Files.Mapping([new("Temp_C", new ParameterMapping("Temp"))], ignore: ["Camera"]);
        var catalog = ParameterCatalog.Default;

        Assert.True(mapping.TryResolve("FLOW_IN", catalog, out var flow, out var flowMapping));
        Assert.Equal(("FlowIn", 1.0), (flow.Code, flowMapping!.Factor));
        Assert.True(mapping.TryResolve("temp_c", catalog, out var temp, out _));
        Assert.Equal("Temp", temp.Code);
        Assert.True(mapping.TryResolve("NH4", catalog, out var nh4, out var none));
        Assert.Equal("NH4", nh4.Code);
        Assert.Null(none);
        Assert.False(mapping.TryResolve("nh4", catalog, out _, out _));
        Assert.True(mapping.IsIgnored("CAMERA"));
    }

    [Theory]
    [InlineData("NUOC01", "S1")]
    [InlineData("TN_YB_WWTP_NUOC01", "S1")]
    [InlineData("TN_YBWWTP_NUOC01", "_gw")]
    [InlineData("TN_YBWWTP_NUOC01", "")]
    [InlineData("TN_YBWWTP_NUOC01", "YB WWTP")]
    public void Refuses_a_bad_file_station_or_station_identifier(string fileStation, string station) =>
        Assert.Throws<ArgumentException>(() => new StationFileMapping(fileStation, station));

    [Fact]
    public void Refuses_a_name_mapped_twice_in_different_cases() =>
        Assert.Throws<ArgumentException>(() => Files.Mapping([new("flow_IN", new ParameterMapping("FlowOut"))]));

    [Theory]
    [InlineData("")]
    [InlineData("Flow in")]
    public void Refuses_a_name_that_is_not_one_word(string name) =>
        Assert.Throws<ArgumentException>(() => new StationFileMapping(Files.FileStation, Files.Station, ignore: [name]));

    [Fact]
    public void Validate_names_every_problem_against_the_catalog()
    {
        var mapping = new StationFileMapping(Files.FileStation, Files.Station,
            [new("Zn", new ParameterMapping("Zinc")), new("cod", new ParameterMapping("cod")), new("F0", new ParameterMapping("FlowIn", 0)),
             new("FNaN", new ParameterMapping("FlowIn", double.NaN)), new("PM", new ParameterMapping("Dust"))],
            ignore: ["pm"]);

        var problems = mapping.Validate(ParameterCatalog.Default);

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.Contains("'Zinc'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'cod'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'F0'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'FNaN'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("both mapped and ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_accepts_a_good_mapping() => Assert.Empty(Files.Mapping().Validate(ParameterCatalog.Default));
}
