using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;

namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>
/// Deterministic valid traffic: sample <c>g</c> of a run belongs to station <c>g % stations</c> and
/// is measured at <c>start + g / stations</c> seconds, so every sample is its own point and a test
/// can tell from a point's time which batch carried it. Each sample has the same eight values.
/// </summary>
internal static class SyntheticTraffic
{
    public static readonly string[] Fields = ["pH", "Temp", "COD", "BOD5", "TSS", "NH4", "TN", "FlowOut"];

    public static int ValuesPerSample => Fields.Length;

    public static string[] Stations(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"{prefix}-{i:00}")];

    public static Sample Sample(IReadOnlyList<string> stations, long g, DateTimeOffset start)
    {
        var catalog = ParameterCatalog.Default;
        var readings = new Reading[Fields.Length];
        for (var k = 0; k < Fields.Length; k++)
        {
            // Exact in binary, so a stored value compares equal; within every accepted range (Temp ≤ 100).
            var value = Fields[k] == "pH" ? 6 + (g % 16 * 0.125) : (g % 300 * 0.25) + k;
            readings[k] = new Reading(catalog[Fields[k]], value, k == 2 && g % 17 == 0 ? DeviceStatus.Calibrating : DeviceStatus.Measuring);
        }

        return new Sample(stations[(int)(g % stations.Count)], start.AddSeconds(g / stations.Count), readings, g / stations.Count);
    }

    /// <summary>Gateway batches: batch <c>b</c> (numbered from <paramref name="firstNumber"/>) carries samples <c>b·size … b·size + size − 1</c>.</summary>
    public static IEnumerable<(string Topic, byte[] Payload)> Batches(
        string park, string gateway, IReadOnlyList<string> stations, int batches, int samplesPerBatch, DateTimeOffset start, long firstSample = 0, long firstNumber = 0)
    {
        for (var b = 0; b < batches; b++)
        {
            var first = firstSample + ((long)b * samplesPerBatch);
            var samples = new Sample[samplesPerBatch];
            for (var j = 0; j < samplesPerBatch; j++)
            {
                samples[j] = Sample(stations, first + j, start);
            }

            yield return (Topics.GatewayBatch(park, gateway), SampleCodec.EncodeBatch(new GatewayBatch(gateway, firstNumber + b, samples)));
        }
    }

    /// <summary>One telemetry message per sample, for samples <paramref name="firstSample"/> onwards.</summary>
    public static IEnumerable<(string Topic, byte[] Payload)> Telemetry(
        string park, IReadOnlyList<string> stations, int samples, DateTimeOffset start, long firstSample = 0)
    {
        for (var g = firstSample; g < firstSample + samples; g++)
        {
            var sample = Sample(stations, g, start);
            yield return (Topics.Telemetry(park, sample.Station), SampleCodec.EncodeSample(sample));
        }
    }

    /// <summary>A whole hour some days ago, on a 10 s boundary, so GROUP BY time(10s) buckets line up with samples.</summary>
    public static DateTimeOffset Start(int daysAgo) =>
        new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-daysAgo).AddHours(1), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(7));
}
