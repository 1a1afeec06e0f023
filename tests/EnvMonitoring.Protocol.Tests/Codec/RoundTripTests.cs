using System.Text;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Tests.Codec;

/// <summary>What the encoders write, the decoders read back unchanged.</summary>
public sealed class RoundTripTests
{
    private static readonly ParameterCatalog Catalog = ParameterCatalog.Default;

    private static Sample NewSample(string station, DateTimeOffset timestamp, long? seq = null) =>
        new(station, timestamp,
        [
            new Reading(Catalog["pH"], 7.12),
            new Reading(Catalog["Temp"], 1.0 / 3.0),
            new Reading(Catalog["COD"], 45.3, DeviceStatus.Calibrating),
            new Reading(Catalog["TSS"], 1e-7, DeviceStatus.Fault),
            new Reading(Catalog["NH4"], -0.5),
            new Reading(Catalog["FlowOut"], 999999.999999),
            new Reading(Catalog["GasFlow"], 0),
        ], seq);

    private static void AssertSameSample(Sample expected, Sample actual)
    {
        Assert.Equal(expected.Station, actual.Station);
        Assert.Equal(expected.Seq, actual.Seq);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Timestamp.Offset, actual.Timestamp.Offset);
        Assert.Equal(expected.Timestamp.Ticks, actual.Timestamp.Ticks);
        Assert.Equal(
            expected.Readings.Select(r => (r.Parameter, r.Value, r.Status)),
            actual.Readings.Select(r => (r.Parameter, r.Value, r.Status)));
    }

    [Theory]
    [InlineData(7 * 60)]
    [InlineData(0)]
    [InlineData(-3 * 60 - 30)]
    [InlineData(5 * 60 + 45)]
    [InlineData(14 * 60)]
    [InlineData(-12 * 60)]
    public void A_sample_survives_encoding_with_its_instant_and_offset(int offsetMinutes)
    {
        var timestamp = new DateTimeOffset(2026, 11, 28, 13, 5, 0, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(1234567);
        var sample = NewSample("YB-WWTP-01", timestamp, seq: 1042);

        var result = SampleCodec.Default.DecodeSample(SampleCodec.EncodeSample(sample), "YB-WWTP-01");

        Assert.Empty(result.Rejections);
        AssertSameSample(sample, Expect.Accepted(result));
    }

    [Fact]
    public void A_sample_without_seq_comes_back_without_seq()
    {
        var sample = NewSample("S1", new DateTimeOffset(2026, 11, 28, 6, 5, 0, TimeSpan.Zero));

        var decoded = Expect.Accepted(SampleCodec.Default.DecodeSample(SampleCodec.EncodeSample(sample)));

        Assert.Null(decoded.Seq);
        AssertSameSample(sample, decoded);
    }

    [Fact]
    public void The_encoder_writes_statuses_only_where_they_are_not_zero()
    {
        var sample = new Sample("S1", new DateTimeOffset(2026, 11, 28, 13, 5, 0, TimeSpan.FromHours(7)),
            [new Reading(Catalog["pH"], 7.12), new Reading(Catalog["COD"], 45.3, DeviceStatus.Calibrating)], 5);

        var json = Encoding.UTF8.GetString(SampleCodec.EncodeSample(sample));

        Assert.Equal("""{"station":"S1","seq":5,"ts":"2026-11-28T13:05:00+07:00","values":{"pH":7.12,"COD":45.3},"status":{"COD":1}}""", json);
    }

    [Fact]
    public void The_encoder_writes_no_status_object_when_every_reading_is_measuring()
    {
        var sample = new Sample("S1", new DateTimeOffset(2026, 11, 28, 6, 5, 0, TimeSpan.Zero), [new Reading(Catalog["O2"], 6.5)]);

        var json = Encoding.UTF8.GetString(SampleCodec.EncodeSample(sample));

        Assert.Equal("""{"station":"S1","ts":"2026-11-28T06:05:00+00:00","values":{"O2":6.5}}""", json);
    }

    [Fact]
    public void Values_of_every_magnitude_survive_encoding_bit_for_bit()
    {
        var random = new Random(42);
        foreach (var parameter in Catalog.Parameters)
        {
            for (var i = 0; i < 200; i++)
            {
                var value = parameter.AcceptedMin + (random.NextDouble() * (parameter.AcceptedMax - parameter.AcceptedMin));
                var sample = new Sample("S1", new DateTimeOffset(2026, 11, 28, 6, 5, 0, TimeSpan.Zero), [new Reading(parameter, value)]);

                var decoded = Expect.Accepted(SampleCodec.Default.DecodeSample(SampleCodec.EncodeSample(sample)));

                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(decoded.Readings[0].Value));
            }
        }
    }

    [Fact]
    public void A_batch_survives_encoding()
    {
        var samples = new[]
        {
            NewSample("YB-WWTP-01", new DateTimeOffset(2026, 11, 28, 13, 5, 0, TimeSpan.FromHours(7)), seq: 1),
            NewSample("YB-WWTP-02", new DateTimeOffset(2026, 11, 28, 6, 5, 0, 250, TimeSpan.Zero)),
            NewSample("YB-STACK-01", new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), seq: long.MaxValue),
        };
        var batch = new GatewayBatch("KCN-YB-GW1", 1234, samples);

        var result = SampleCodec.Default.DecodeBatch(SampleCodec.EncodeBatch(batch), "KCN-YB-GW1");

        Assert.Empty(result.Rejections);
        var decoded = Expect.Accepted(result);
        Assert.Equal(batch.Gateway, decoded.Gateway);
        Assert.Equal(batch.Number, decoded.Number);
        Assert.Equal(samples.Length, decoded.Samples.Count);
        for (var i = 0; i < samples.Length; i++)
        {
            AssertSameSample(samples[i], decoded.Samples[i]);
        }
    }

    [Fact]
    public void An_empty_batch_survives_encoding()
    {
        var decoded = Expect.Accepted(SampleCodec.Default.DecodeBatch(SampleCodec.EncodeBatch(new GatewayBatch("GW1", 0, []))));

        Assert.Equal(("GW1", 0L), (decoded.Gateway, decoded.Number));
        Assert.Empty(decoded.Samples);
    }

    [Theory]
    [InlineData(new long[0])]
    [InlineData(new long[] { 1234 })]
    [InlineData(new long[] { 1233, 1234 })]
    [InlineData(new long[] { 0, long.MaxValue })]
    public void An_ack_survives_encoding(long[] batches)
    {
        var decoded = SampleCodec.DecodeAck(SampleCodec.EncodeAck(new GatewayAck(batches)));

        Assert.NotNull(decoded);
        Assert.Equal(batches, decoded.Batches);
    }

    [Fact]
    public void The_ack_is_written_as_the_contract_says() =>
        Assert.Equal("""{"batches":[1233,1234]}"""u8.ToArray(), SampleCodec.EncodeAck(new GatewayAck([1233, 1234])));

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1233]")]
    [InlineData("{}")]
    [InlineData("{\"batches\":1233}")]
    [InlineData("{\"batches\":[1233,\"1234\"]}")]
    [InlineData("{\"batches\":[1233,1.5]}")]
    [InlineData("{\"batches\":[1233,99999999999999999999]}")]
    [InlineData("{\"batches\":[1233,[1234]]}")]
    [InlineData("{\"batches\":[1233,1234]")]
    public void Decoding_something_that_is_not_an_ack_gives_null(string payload) =>
        Assert.Null(SampleCodec.DecodeAck(Json.Utf8(payload)));
}
