using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Tests.Codec;

/// <summary>Device statuses (Circular 10/2021): kept on their reading; an unknowable status refuses its value.</summary>
public sealed class SampleStatusDecodingTests
{
    private static SampleDecodeResult DecodeWithStatus(string status) =>
        Decode.Sample($$$"""{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{"pH":7.1,"COD":45.3,"TSS":12.1},"status":{{{status}}}}""");

    [Fact]
    public void Keeps_calibrating_and_fault_statuses_on_their_readings()
    {
        var result = DecodeWithStatus("""{"COD":1,"TSS":2}""");

        Assert.Empty(result.Rejections);
        Expect.Readings(Expect.Accepted(result),
            ("pH", 7.1, DeviceStatus.Measuring),
            ("COD", 45.3, DeviceStatus.Calibrating),
            ("TSS", 12.1, DeviceStatus.Fault));
    }

    [Fact]
    public void Reads_an_explicit_zero_as_measuring()
    {
        var result = DecodeWithStatus("""{"COD":0}""");

        Assert.Empty(result.Rejections);
        Assert.True(Expect.Accepted(result).TryGetReading("COD", out var reading));
        Assert.Equal(DeviceStatus.Measuring, reading.Status);
    }

    [Fact]
    public void Reads_the_status_whether_it_comes_before_or_after_the_values()
    {
        var result = Decode.Sample("""{"status":{"COD":2},"station":"S1","ts":"2026-11-28T06:05:00Z","values":{"COD":45.3}}""");

        Expect.Readings(Expect.Accepted(result), ("COD", 45.3, DeviceStatus.Fault));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("-1")]
    [InlineData("255")]
    [InlineData("\"1\"")]
    [InlineData("1.5")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("[1]")]
    [InlineData("{\"code\":1}")]
    [InlineData("4294967297")]
    public void Refuses_the_value_of_an_invalid_status_and_keeps_the_others(string status)
    {
        var result = DecodeWithStatus($$$"""{"COD":{{{status}}},"TSS":1}""");

        Expect.Readings(Expect.Accepted(result), ("pH", 7.1, DeviceStatus.Measuring), ("TSS", 12.1, DeviceStatus.Calibrating));
        Expect.OnlyRejection(result.Rejections, RejectionReason.InvalidStatus, "$.status.COD");
    }

    [Fact]
    public void Refuses_the_value_of_a_status_given_twice()
    {
        var result = DecodeWithStatus("""{"COD":0,"COD":1}""");

        Expect.Values(Expect.Accepted(result), ("pH", 7.1), ("TSS", 12.1));
        Expect.OnlyRejection(result.Rejections, RejectionReason.InvalidStatus, "$.status.COD");
    }

    [Fact]
    public void Reports_a_status_without_a_value_and_keeps_the_sample()
    {
        var result = DecodeWithStatus("""{"NH4":1,"COD":2}""");

        Expect.Readings(Expect.Accepted(result),
            ("pH", 7.1, DeviceStatus.Measuring),
            ("COD", 45.3, DeviceStatus.Fault),
            ("TSS", 12.1, DeviceStatus.Measuring));
        Expect.OnlyRejection(result.Rejections, RejectionReason.StatusWithoutValue, "$.status.NH4");
    }

    [Fact]
    public void Reports_a_status_for_an_unknown_parameter_and_keeps_the_sample()
    {
        var result = DecodeWithStatus("""{"cod":1}""");

        Expect.Values(Expect.Accepted(result), ("pH", 7.1), ("COD", 45.3), ("TSS", 12.1));
        Expect.OnlyRejection(result.Rejections, RejectionReason.UnknownParameter, "$.status");
    }

    [Fact]
    public void Refuses_a_sample_whose_only_value_has_an_invalid_status()
    {
        var result = Decode.Sample("""{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{"COD":45.3},"status":{"COD":7}}""");

        Assert.Null(result.Sample);
        Expect.OnlyRejection(result.Rejections, RejectionReason.InvalidStatus, "$.status.COD");
    }

    [Fact]
    public void Reports_each_problem_once_when_a_refused_value_also_has_a_status()
    {
        var result = Decode.Sample("""{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{"pH":15,"COD":45.3},"status":{"pH":1}}""");

        Expect.Values(Expect.Accepted(result), ("COD", 45.3));
        Expect.OnlyRejection(result.Rejections, RejectionReason.OutOfRange, "$.values.pH");
    }

    [Theory]
    [InlineData("\"x\"")]
    [InlineData("[1]")]
    [InlineData("1")]
    public void Refuses_the_whole_sample_when_the_status_object_is_malformed(string status)
    {
        // With no readable status, a calibrating reading could pass as measured: nothing is accepted.
        Expect.Refused(DecodeWithStatus(status), RejectionReason.WrongType, "$.status");
    }

    [Fact]
    public void Reads_a_null_status_object_as_every_probe_measuring()
    {
        var result = DecodeWithStatus("null");

        Assert.Empty(result.Rejections);
        Expect.Readings(Expect.Accepted(result),
            ("pH", 7.1, DeviceStatus.Measuring), ("COD", 45.3, DeviceStatus.Measuring), ("TSS", 12.1, DeviceStatus.Measuring));
    }
}
