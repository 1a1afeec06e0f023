using System.Buffers;
using System.Text;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Cloud.Tests.Storage;

/// <summary>The line-protocol encoder, byte for byte.</summary>
public sealed class LineProtocolTests
{
    private static readonly ParameterCatalog Catalog = ParameterCatalog.Default;
    private static readonly DateTimeOffset Ts = new(2026, 11, 28, 13, 5, 0, TimeSpan.FromHours(7));

    [Fact]
    public void Writes_one_wide_line_with_statuses_only_where_not_measuring_and_the_seq()
    {
        var sample = new Sample("YB-WWTP-01", Ts,
            [new Reading(Catalog["pH"], 7.12), new Reading(Catalog["COD"], 45.3, DeviceStatus.Calibrating), new Reading(Catalog["NH4"], 0.000012, DeviceStatus.Fault)],
            1042);

        Assert.Equal(
            "sample,park=YenBinh,station=YB-WWTP-01 pH=7.12,COD=45.3,COD_status=1i,NH4=1.2E-05,NH4_status=2i,seq=1042i 1795845900000\n",
            Encode("YenBinh", sample));
    }

    [Fact]
    public void Writes_the_measurement_instant_in_milliseconds_whatever_the_offset()
    {
        var utc = new Sample("S1", Ts.ToUniversalTime().AddMilliseconds(250), [new Reading(Catalog["Temp"], -3)]);

        Assert.Equal("sample,park=P,station=S1 Temp=-3 1795845900250\n", Encode("P", utc));
    }

    [Theory]
    [InlineData("a,b", "a\\,b")]
    [InlineData("a=b", "a\\=b")]
    [InlineData("a b", "a\\ b")]
    [InlineData("a\"b", "a\"b")]
    public void Escapes_tag_values(string park, string escaped)
    {
        var sample = new Sample("S1", Ts, [new Reading(Catalog["pH"], 7)]);

        Assert.StartsWith($"sample,park={escaped},station=S1 pH=7 ", Encode(park, sample), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\\")]
    [InlineData("Yên")]
    public void Refuses_tag_values_line_protocol_cannot_carry(string park)
    {
        var sample = new Sample("S1", Ts, [new Reading(Catalog["pH"], 7)]);

        Assert.Throws<ArgumentException>(() => Encode(park, sample));
    }

    [Fact]
    public void Appends_lines_without_allocating_per_value_in_steady_state()
    {
        var sample = new Sample("S1", Ts, Catalog.Parameters.Take(8).Select(p => new Reading(p, 12.5)).ToArray(), 1);
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        LineProtocol.WriteSample(buffer, "P", sample);
        buffer.Clear();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            LineProtocol.WriteSample(buffer, "P", sample);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static string Encode(string park, Sample sample)
    {
        var buffer = new ArrayBufferWriter<byte>();
        LineProtocol.WriteSample(buffer, park, sample);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
