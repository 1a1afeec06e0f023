using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Circular10;

namespace EnvMonitoring.Protocol.Tests.Circular10;

/// <summary>A file is all or nothing: any bad line refuses the whole file, naming the line and the fault.</summary>
public sealed class Circular10ParserFailureTests
{
    private const string GoodLine = "pH\t7.21\t-\t20250315103000\t00\n";

    private static void Refused(string badLine, Circular10FailureReason reason, StationFileMapping? mapping = null)
    {
        // The bad line comes after good ones, so the test also proves nothing is half-read.
        var failure = Files.Refused(GoodLine + "\n" + badLine + "\n" + GoodLine, mapping);

        Assert.Equal((reason, 3), (failure.Reason, failure.LineNumber));
        Assert.Contains("line 3", failure.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("COD\t7,21\tmg/L\t20250315103000\t00")]
    [InlineData("COD\tabc\tmg/L\t20250315103000\t00")]
    [InlineData("COD\t\u2212\u00311\tmg/L\t20250315103000\t00")]
    [InlineData("COD\tNaN\tmg/L\t20250315103000\t00")]
    [InlineData("COD\tInfinity\tmg/L\t20250315103000\t00")]
    [InlineData("COD\t1e400\tmg/L\t20250315103000\t00")]
    [InlineData("COD\t1,200.5\tmg/L\t20250315103000\t00")]
    [InlineData("COD\t-\tmg/L\t20250315103000\t00")]
    public void Refuses_a_value_that_is_not_a_number(string line) => Refused(line, Circular10FailureReason.InvalidValue);

    [Theory]
    [InlineData("COD\t41.2\tmg/L\t20250315103000\t03")]
    [InlineData("COD\t41.2\tmg/L\t20250315103000\t0")]
    [InlineData("COD\t41.2\tmg/L\t20250315103000\t2")]
    [InlineData("COD\t41.2\tmg/L\t20250315103000\tOK")]
    [InlineData("COD\t41.2\t20250315103000\t99")]
    [InlineData("20250315103000\tCOD\t41.2\t1")]
    public void Refuses_an_unknown_status(string line) => Refused(line, Circular10FailureReason.InvalidStatus);

    [Theory]
    [InlineData("COD\t41.2\tmg/L\t2025031510300\t00")]
    [InlineData("COD\t41.2\tmg/L\t20250230103000\t00")]
    [InlineData("COD\t41.2\tmg/L\t20250315253000\t00")]
    [InlineData("COD\t41.2\tmg/L\t19991231235959\t00")]
    [InlineData("COD\t41.2\tmg/L\t2025-03-15T10:30\t00")]
    [InlineData("COD\t41.2\t2025031510300\t00")]
    [InlineData("COD\t41.2\tmg/L\t00")]
    [InlineData("COD\t41.2\tmg/L")]
    public void Refuses_a_bad_timestamp(string line) => Refused(line, Circular10FailureReason.InvalidTimestamp);

    [Theory]
    [InlineData("COD")]
    [InlineData("COD\t41.2")]
    [InlineData("COD\t41.2\tmg/L\t20250315103000\t00\textra")]
    [InlineData("20250315103000\tCOD")]
    public void Refuses_a_line_with_too_few_or_too_many_fields(string line) => Refused(line, Circular10FailureReason.MalformedLine);

    [Theory]
    [InlineData("TSS_x\t12\tmg/L\t20250315103000\t00")]
    [InlineData("Co\t0.1\tmg/L\t20250315103000\t00")]
    [InlineData("cod\t41.2\tmg/L\t20250315103000\t00")]
    public void Refuses_a_parameter_neither_mapped_nor_ignored(string line) =>
        Refused(line, Circular10FailureReason.UnmappedParameter);

    [Fact]
    public void Refuses_a_parameter_mapped_to_a_code_missing_from_the_catalog() =>
        Refused("Zn\t0.1\tmg/L\t20250315103000\t00", Circular10FailureReason.MappingError,
            Files.Mapping([new("Zn", new ParameterMapping("Zinc"))]));

    [Theory]
    [InlineData("pH\t14.5\t-\t20250315103000\t00")]
    [InlineData("pH\t-0.1\t-\t20250315103000\t00")]
    [InlineData("O2\t30\t%\t20250315103000\t00")]
    [InlineData("Flow_in\t2000000\tm3/h\t20250315103000\t00")]
    public void Refuses_a_value_outside_the_accepted_range(string line) => Refused(line, Circular10FailureReason.OutOfRange);

    [Fact]
    public void Judges_the_range_after_the_unit_factor() =>
        Refused("Flow_lps\t300000\tl/s\t20250315103000\t00", Circular10FailureReason.OutOfRange,
            Files.Mapping([new("Flow_lps", new ParameterMapping("FlowOut", 3.6))]));

    [Fact]
    public void Refuses_a_unit_other_than_the_mapped_one() =>
        Refused("Flow_out\t33\tl/s\t20250315103000\t00", Circular10FailureReason.UnitMismatch,
            Files.Mapping([new("Flow_out", new ParameterMapping("FlowOut", Unit: "m3/h"))]));

    [Theory]
    [InlineData("pH\t7.3\t-\t20250315103000\t00")]
    [InlineData("pH\t7.21\t-\t20250315103000\t01")]
    [InlineData("20250315103000 pH 7.3")]
    public void Refuses_a_parameter_given_twice_at_one_time_with_different_values(string line)
    {
        Refused(line, Circular10FailureReason.ConflictingDuplicate);
        Assert.Contains("line 1", Files.Refused(GoodLine + "\n" + line).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_two_names_mapped_to_one_code_with_different_values()
    {
        var failure = Files.Refused("Flow_in\t152.4\tm3/h\t20250315103000\t00\nFlowIn\t150\tm3/h\t20250315103000\t00\n");

        Assert.Equal((Circular10FailureReason.ConflictingDuplicate, 2), (failure.Reason, failure.LineNumber));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\r\n\r\n \t \r\n")]
    [InlineData("Camera\t1\t-\t20250315103000\t00\n")]
    public void Refuses_a_file_without_readings(string content)
    {
        var failure = Files.Refused(content, Files.Mapping(ignore: ["Camera"]));

        Assert.Equal((Circular10FailureReason.NoReadings, 0), (failure.Reason, failure.LineNumber));
    }

    [Fact]
    public void Counts_lines_of_every_line_ending_style()
    {
        var failure = Files.Refused("pH 7 - 20250315103000 00\r\n\r\npH 7 - 20250315103000 00\rpH x - 20250315103000 00\n");

        Assert.Equal((Circular10FailureReason.InvalidValue, 4), (failure.Reason, failure.LineNumber));
    }

    [Fact]
    public void Refuses_a_name_spoiled_by_bytes_that_are_not_UTF8()
    {
        byte[] content = [.. "pH 7 - 20250315103000 00\nT"u8, 0xB0, .. "C 25 - 20250315103000 00\n"u8];

        var result = Circular10Parser.Parse(content, Files.Mapping(), ParameterCatalog.Default);

        Assert.Equal((Circular10FailureReason.UnmappedParameter, 2), (result.Failure?.Reason, result.Failure?.LineNumber));
    }

    [Fact]
    public void Reads_a_unit_spoiled_by_bytes_that_are_not_UTF8()
    {
        byte[] content = [.. "Temp 25 "u8, 0xB0, .. "C 20250315103000 00\n"u8];

        var result = Circular10Parser.Parse(content, Files.Mapping(), ParameterCatalog.Default);

        Assert.True(result.IsSuccess, result.Failure?.ToString());
    }
}
