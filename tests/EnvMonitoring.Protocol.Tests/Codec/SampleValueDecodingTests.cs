using System.Globalization;
using EnvMonitoring.Protocol.Codec;

namespace EnvMonitoring.Protocol.Tests.Codec;

/// <summary>The values of a sample: one bad value is refused and the good values beside it are kept.</summary>
public sealed class SampleValueDecodingTests
{
    private static SampleDecodeResult DecodeValues(string values) =>
        Decode.Sample($$$"""{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{{{values}}}}""");

    [Fact]
    public void Keeps_values_exactly_as_sent()
    {
        var sample = Expect.Accepted(DecodeValues("""{"pH":6.999999999999999,"COD":0.1,"TSS":1e-7,"NH4":-0.5,"FlowOut":999999.25,"Color":0}"""));

        Expect.Values(sample, ("pH", 6.999999999999999), ("COD", 0.1), ("TSS", 1e-7), ("NH4", -0.5), ("Color", 0), ("FlowOut", 999999.25));
    }

    [Theory]
    [InlineData("\"7.1\"", "a string")]
    [InlineData("true", "a boolean")]
    [InlineData("false", "a boolean")]
    [InlineData("null", "null")]
    [InlineData("{\"v\":7.1}", "an object")]
    [InlineData("[7.1]", "an array")]
    public void Refuses_a_value_that_is_not_a_number_and_keeps_the_others(string value, string described)
    {
        var result = DecodeValues($$$"""{"COD":45.3,"pH":{{{value}}},"TSS":12.1}""");

        Expect.Values(Expect.Accepted(result), ("COD", 45.3), ("TSS", 12.1));
        Expect.OnlyRejection(result.Rejections, RejectionReason.WrongType, "$.values.pH");
        Assert.Contains(described, result.Rejections[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("nan")]
    [InlineData("+7")]
    [InlineData(".5")]
    [InlineData("07")]
    [InlineData("0x10")]
    [InlineData("7.")]
    public void Rejects_number_literals_that_json_does_not_have(string literal) =>
        Expect.Refused(DecodeValues($$$"""{"COD":45.3,"pH":{{{literal}}}}"""), RejectionReason.NotJson, "$");

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1.7976931348623159e308")]
    public void Refuses_a_number_that_overflows_a_double_and_keeps_the_others(string number)
    {
        var result = DecodeValues($$$"""{"COD":{{{number}}},"pH":7.1}""");

        Expect.Values(Expect.Accepted(result), ("pH", 7.1));
        Expect.OnlyRejection(result.Rejections, RejectionReason.NonFiniteValue, "$.values.COD");
    }

    [Fact]
    public void Reads_a_number_that_underflows_as_zero()
    {
        var result = DecodeValues("""{"COD":1e-400}""");

        Assert.Empty(result.Rejections);
        Expect.Values(Expect.Accepted(result), ("COD", 0));
    }

    [Fact]
    public void Refuses_an_unknown_parameter_and_keeps_the_known_ones()
    {
        var result = DecodeValues("""{"cod":45.3,"COD":44.1,"Chlorine":0.2}""");

        Expect.Values(Expect.Accepted(result), ("COD", 44.1));
        Expect.Rejections(result.Rejections, (RejectionReason.UnknownParameter, "$.values"), (RejectionReason.UnknownParameter, "$.values"));
        Assert.Contains("'cod'", result.Rejections[0].Detail, StringComparison.Ordinal);
        Assert.Contains("'Chlorine'", result.Rejections[1].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cod")]
    [InlineData("Cod")]
    [InlineData("PH")]
    [InlineData("ph")]
    [InlineData("nh4")]
    [InlineData(" COD")]
    [InlineData("COD ")]
    [InlineData("\\u0063od")]
    [InlineData("")]
    [InlineData("seq")]
    public void Treats_parameter_codes_case_sensitively(string code)
    {
        var result = DecodeValues($$$"""{"{{{code}}}":1,"TSS":12.1}""");

        Expect.Values(Expect.Accepted(result), ("TSS", 12.1));
        Expect.OnlyRejection(result.Rejections, RejectionReason.UnknownParameter, "$.values");
    }

    [Fact]
    public void Shortens_a_long_unknown_parameter_name_in_the_rejection()
    {
        var name = new string('x', 10_000);

        var result = DecodeValues($$$"""{"{{{name}}}":1,"TSS":12.1}""");

        Expect.OnlyRejection(result.Rejections, RejectionReason.UnknownParameter, "$.values");
        Assert.True(result.Rejections[0].Detail.Length < 200, result.Rejections[0].Detail);
    }

    [Fact]
    public void Rejects_sample_with_no_values() =>
        Expect.Refused(DecodeValues("{}"), RejectionReason.NoValues, "$.values");

    [Fact]
    public void Rejects_sample_whose_only_values_are_unknown_parameters()
    {
        var result = DecodeValues("""{"cod":1}""");

        Assert.Null(result.Sample);
        Expect.Rejections(result.Rejections, (RejectionReason.UnknownParameter, "$.values"), (RejectionReason.NoValues, "$.values"));
    }

    [Fact]
    public void Rejects_sample_whose_every_value_is_refused_without_claiming_it_had_none()
    {
        var result = DecodeValues("""{"pH":15,"COD":"high"}""");

        Assert.Null(result.Sample);
        Expect.Rejections(result.Rejections, (RejectionReason.OutOfRange, "$.values.pH"), (RejectionReason.WrongType, "$.values.COD"));
    }

    [Theory]
    [InlineData("pH", "15")]
    [InlineData("pH", "-0.01")]
    [InlineData("pH", "14.000001")]
    [InlineData("O2", "25.5")]
    [InlineData("Temp", "-20.5")]
    [InlineData("GasTemp", "1500.1")]
    [InlineData("Pressure", "-1")]
    [InlineData("COD", "100001")]
    [InlineData("COD", "-11")]
    public void Refuses_a_value_outside_the_accepted_range_and_keeps_the_others(string code, string value)
    {
        var result = DecodeValues($$$"""{"{{{code}}}":{{{value}}},"TSS":12.1}""");

        Expect.Values(Expect.Accepted(result), ("TSS", 12.1));
        Expect.OnlyRejection(result.Rejections, RejectionReason.OutOfRange, "$.values." + code);
    }

    [Theory]
    [InlineData("pH", 0)]
    [InlineData("pH", 14)]
    [InlineData("O2", -1)]
    [InlineData("O2", 25)]
    [InlineData("COD", -10)]
    [InlineData("COD", 100000)]
    [InlineData("Pressure", 0)]
    public void Accepts_a_value_on_the_edge_of_the_accepted_range(string code, double value)
    {
        var result = DecodeValues($$$"""{"{{{code}}}":{{{value.ToString(CultureInfo.InvariantCulture)}}}}""");

        Assert.Empty(result.Rejections);
        Expect.Values(Expect.Accepted(result), (code, value));
    }

    [Fact]
    public void Refuses_a_parameter_given_twice_and_keeps_the_others()
    {
        var result = DecodeValues("""{"pH":7.1,"COD":45.3,"pH":7.2}""");

        Expect.Values(Expect.Accepted(result), ("COD", 45.3));
        Expect.OnlyRejection(result.Rejections, RejectionReason.DuplicateKey, "$.values.pH");
    }

    [Fact]
    public void Refuses_a_parameter_given_three_times_with_one_rejection()
    {
        var result = DecodeValues("""{"pH":7.1,"pH":7.2,"COD":45.3,"pH":7.3}""");

        Expect.Values(Expect.Accepted(result), ("COD", 45.3));
        Expect.OnlyRejection(result.Rejections, RejectionReason.DuplicateKey, "$.values.pH");
    }

    [Fact]
    public void Refuses_a_parameter_given_twice_under_an_escaped_spelling()
    {
        var result = DecodeValues("""{"COD":45.3,"C\u004FD":46,"pH":7.1}""");

        Expect.Values(Expect.Accepted(result), ("pH", 7.1));
        Expect.OnlyRejection(result.Rejections, RejectionReason.DuplicateKey, "$.values.COD");
    }

    [Fact]
    public void Refuses_a_repeated_parameter_even_when_its_first_value_was_already_refused()
    {
        var result = DecodeValues("""{"pH":15,"pH":7.1,"COD":45.3}""");

        Expect.Values(Expect.Accepted(result), ("COD", 45.3));
        Assert.Contains(result.Rejections, r => r.Reason == RejectionReason.OutOfRange && r.Path == "$.values.pH");
    }
}
