using System.Diagnostics;
using System.Text;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using Xunit.Abstractions;

namespace EnvMonitoring.Protocol.Tests.Fuzzing;

/// <summary>
/// Property test of the codec over 100,000 payloads from a fixed seed (so a failure reproduces):
/// random bytes, mutated valid payloads and generated JSON. Decoding never throws and never accepts
/// anything the contract forbids (<see cref="DecodeInvariants"/>).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261128;
    private const int Payloads = 100_000;

    private static readonly SampleCodec TightCodec = new(ParameterCatalog.Default, new CodecLimits
    {
        MaxSampleBytes = 2048,
        MaxBatchBytes = 8192,
        MaxBatchSamples = 3,
        MaxDepth = 8,
        MaxRejections = 4,
    });

    private enum Source
    {
        RandomBytes,
        MutatedSample,
        MutatedBatch,
        GeneratedSample,
        GeneratedBatch,
        GeneratedAny,
    }

    [Fact]
    public void Decoding_never_throws_and_never_accepts_what_the_contract_forbids()
    {
        var random = new Random(Seed);
        var mutator = new PayloadMutator(random, [.. FuzzCorpus.Samples, .. FuzzCorpus.Batches]);
        var generator = new JsonShapeGenerator(random);
        var counts = new Dictionary<(Source, string), int>();
        var stopwatch = Stopwatch.StartNew();

        for (var i = 0; i < Payloads; i++)
        {
            var source = (i % 10) switch
            {
                0 or 1 => Source.RandomBytes,
                2 or 3 or 4 => Source.MutatedSample,
                5 or 6 => Source.MutatedBatch,
                7 => Source.GeneratedSample,
                8 => Source.GeneratedBatch,
                _ => Source.GeneratedAny,
            };
            var payload = source switch
            {
                Source.RandomBytes => RandomBytes(random),
                Source.MutatedSample => mutator.Mutate(FuzzCorpus.Samples[random.Next(FuzzCorpus.Samples.Count)]),
                Source.MutatedBatch => mutator.Mutate(FuzzCorpus.Batches[random.Next(FuzzCorpus.Batches.Count)]),
                Source.GeneratedSample => Json.Utf8(generator.NextSample()),
                Source.GeneratedBatch => Json.Utf8(generator.NextBatch()),
                _ => Json.Utf8(generator.NextAny()),
            };
            var codec = random.Next(4) == 0 ? TightCodec : SampleCodec.Default;
            // Mostly no expected id: a topic that names one mostly names another than the payload's.
            var expectedStation = random.Next(4) == 0 ? JsonShapeGenerator.Stations[random.Next(JsonShapeGenerator.Stations.Length)] : null;
            var expectedGateway = random.Next(4) == 0 ? JsonShapeGenerator.Gateways[random.Next(JsonShapeGenerator.Gateways.Length)] : null;

            var sampleAccepted = Check(i, source, payload, () =>
            {
                var result = codec.DecodeSample(payload, expectedStation);
                return (result.IsAccepted, DecodeInvariants.CheckSample(codec, result, expectedStation));
            });
            var batchAccepted = Check(i, source, payload, () =>
            {
                var result = codec.DecodeBatch(payload, expectedGateway);
                return (result.IsAccepted, DecodeInvariants.CheckBatch(codec, result, expectedGateway));
            });

            Count(counts, source, "sample " + (sampleAccepted ? "accepted" : "refused"));
            Count(counts, source, "batch " + (batchAccepted ? "accepted" : "refused"));
        }

        foreach (var ((source, outcome), count) in counts.OrderBy(c => c.Key))
        {
            output.WriteLine($"{source,-16} {outcome,-16} {count,6}");
        }

        output.WriteLine($"{Payloads} payloads in {stopwatch.Elapsed.TotalSeconds:F1} s");

        // The fuzzer must reach both sides of the codec, or it proves nothing.
        AssertShare(counts, Source.MutatedSample, "sample");
        AssertShare(counts, Source.MutatedBatch, "batch");
        AssertShare(counts, Source.GeneratedSample, "sample");
        AssertShare(counts, Source.GeneratedBatch, "batch");
    }

    private static bool Check(int index, Source source, byte[] payload, Func<(bool Accepted, string? Problem)> decode)
    {
        (bool Accepted, string? Problem) outcome;
        try
        {
            outcome = decode();
        }
        catch (Exception e)
        {
            Assert.Fail($"payload #{index} ({source}) threw {e}\n{Show(payload)}");
            throw;
        }

        if (outcome.Problem is not null)
        {
            Assert.Fail($"payload #{index} ({source}): {outcome.Problem}\n{Show(payload)}");
        }

        return outcome.Accepted;
    }

    private static void AssertShare(Dictionary<(Source, string), int> counts, Source source, string kind)
    {
        var accepted = counts.GetValueOrDefault((source, kind + " accepted"));
        var refused = counts.GetValueOrDefault((source, kind + " refused"));
        var share = (double)accepted / (accepted + refused);
        Assert.True(share is > 0.05 and < 0.95, $"{source}: {accepted} {kind}s accepted, {refused} refused");
    }

    private static void Count(Dictionary<(Source, string), int> counts, Source source, string outcome) =>
        counts[(source, outcome)] = counts.GetValueOrDefault((source, outcome)) + 1;

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(random.Next(10) == 0 ? 4096 : 256)];
        if (random.Next(2) == 0)
        {
            random.NextBytes(bytes);
            return bytes;
        }

        // Mostly JSON punctuation and ASCII, so the reader gets past the first byte.
        const string Alphabet = "{}[]\":,\\ 0123456789.-+eEtrufalsn\"abcpHCODts";
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)Alphabet[random.Next(Alphabet.Length)];
        }

        if (bytes.Length > 0)
        {
            bytes[0] = (byte)'{';
        }

        return bytes;
    }

    private static string Show(byte[] payload) =>
        $"base64: {Convert.ToBase64String(payload)}\ntext: {Encoding.UTF8.GetString(payload[..Math.Min(payload.Length, 2000)])}";
}
