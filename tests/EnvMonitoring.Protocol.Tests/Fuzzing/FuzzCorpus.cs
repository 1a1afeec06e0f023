using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Tests.Fuzzing;

/// <summary>Valid samples and batches for the fuzzer to mutate: the contract examples, odd but legal
/// spellings, and samples written by our own encoder.</summary>
internal static class FuzzCorpus
{
    private static readonly string[] HandWrittenSamples =
    [
        """{ "station": "YB-WWTP-01", "seq": 1042, "ts": "2026-11-28T13:05:00+07:00", "values": { "pH": 7.12, "COD": 45.3, "TSS": 12.1, "NH4": 2.3, "Temp": 29.5, "FlowOut": 120.4 }, "status": { "COD": 1 } }""",
        """{"station":"YB-STACK-01","ts":1764309900000,"values":{"Dust":12.5,"SO2":180.5,"NOx":95.2,"CO":40.1,"O2":6.2,"GasFlow":150000,"GasTemp":145.3,"Pressure":101.3}}""",
        """{"station":"S1","ts":"2026-11-28T06:05:00.123456789Z","values":{"pH":7},"status":{"pH":2},"fw":"1.2.0"}""",
        """{"st\u0061tion":"S.1_a-b","seq":0,"ts":"2026-11-28T13:05:00\u002B07:00","values":{"C\u004FD":45.3,"BOD5":20}}""",
        "\uFEFF{\"station\":\"9\",\"ts\":\"2000-01-01T00:00:00z\",\"values\":{\"TN\":-10,\"TP\":10000,\"Color\":0}}",
        """{"values":{"FlowIn":-100,"FlowOut":1000000},"status":{"FlowIn":0,"FlowOut":1},"ts":"2099-12-31T23:59:59.999-00:00","station":"Z"}""",
    ];

    // Initialised after HandWrittenSamples, which they read: static initialisers run in text order.
    public static IReadOnlyList<byte[]> Samples { get; } = BuildSamples();

    public static IReadOnlyList<byte[]> Batches { get; } = BuildBatches();

    private static List<byte[]> BuildSamples()
    {
        var corpus = HandWrittenSamples.Select(Json.Utf8).ToList();
        var random = new Random(7);
        for (var i = 0; i < 24; i++)
        {
            corpus.Add(SampleCodec.EncodeSample(RandomSample(random, "ST-" + i)));
        }

        return corpus;
    }

    private static List<byte[]> BuildBatches()
    {
        var corpus = new List<byte[]>
        {
            Json.Utf8("""{"gateway":"KCN-YB-GW1","batch":1234,"samples":[""" + string.Join(",", HandWrittenSamples.Select(s => s.TrimStart('\uFEFF'))) + "]}"),
            Json.Utf8("""{"samples":[],"batch":0,"gateway":"G"}"""),
        };
        var random = new Random(8);
        for (var i = 0; i < 12; i++)
        {
            var samples = Enumerable.Range(0, 1 + random.Next(4)).Select(j => RandomSample(random, $"ST-{i}-{j}")).ToList();
            corpus.Add(SampleCodec.EncodeBatch(new GatewayBatch("GW-" + i, random.NextInt64(0, long.MaxValue), samples)));
        }

        return corpus;
    }

    private static Sample RandomSample(Random random, string station)
    {
        var catalog = ParameterCatalog.Default;
        var readings = catalog.Parameters
            .Where(_ => random.Next(3) == 0)
            .Select(p => new Reading(p, Math.Round(p.AcceptedMin + (random.NextDouble() * (p.AcceptedMax - p.AcceptedMin)), random.Next(6)),
                (DeviceStatus)(random.Next(4) == 0 ? random.Next(3) : 0)))
            .ToList();
        if (readings.Count == 0)
        {
            readings.Add(new Reading(catalog["pH"], 7.1));
        }

        var offset = TimeSpan.FromMinutes(15 * random.Next(-48, 57));
        var timestamp = new DateTimeOffset(2020 + random.Next(10), 1 + random.Next(12), 1 + random.Next(28), random.Next(24), random.Next(60), random.Next(60), offset)
            .AddTicks(random.Next(2) == 0 ? 0 : random.Next(10_000_000));
        return new Sample(station, timestamp, readings, random.Next(2) == 0 ? null : random.NextInt64(0, 1L << 40));
    }
}
