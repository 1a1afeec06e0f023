using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Cloud.Tests.Seals;

/// <summary>
/// A seal version's document and chain as docs/evidence.md describes them: the exact bytes that are
/// signed, and the head over the version's records however the sealer keeps them.
/// </summary>
public sealed class SealDocumentTests
{
    private static readonly SealDocument Document = new()
    {
        Station = SealFixture.Station,
        Day = "2026-03-15",
        Version = 2,
        Previous = "ab",
        Closed = false,
        Start = "cd",
        Head = "ef",
        Samples = 15,
        Readings = 120,
        Events = 1,
        SealedAt = new DateTimeOffset(2026, 3, 15, 10, 30, 0, TimeSpan.FromHours(7)),
        KeyId = "3f2a",
        Entries = "Ag+/",
    };

    [Fact]
    public void A_document_is_written_in_the_documented_layout()
    {
        Assert.Equal(
            """{"format":"envmon-seal/1","station":"TS-01","day":"2026-03-15","version":2,"previous":"ab","closed":false,"start":"cd","head":"ef","samples":15,"readings":120,"events":1,"sealedAt":"2026-03-15T10:30:00+07:00","keyId":"3f2a","entries":"Ag+/","legalDay":"2026-03-15"}""",
            Encoding.UTF8.GetString(Document.ToUtf8()));
    }

    [Fact]
    public void A_document_of_the_first_seals_reads_as_it_was_written()
    {
        // The first seals were written by the reflection-based serializer with these options, a base64
        // '+' as \u002B: they read back as the same document, whose bytes now differ in that escape only.
        var first = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
        var version1 = Document with { Version = 1, Previous = null };

        foreach (var document in new[] { Document, version1 })
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(document, first);
            Assert.Contains("\\u002B", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            Assert.Equal(document, SealDocument.Parse(bytes));
            Assert.Equal(Encoding.UTF8.GetString(bytes).Replace("\\u002B", "+", StringComparison.Ordinal), Encoding.UTF8.GetString(document.ToUtf8()));
        }
    }

    [Fact]
    public void The_head_covers_the_records_in_chain_order_however_they_are_buffered()
    {
        // Enough samples to fill several of the batch's buffers, arriving partly out of order, their
        // readings in no order of codes (the layout sorts them), statuses of every kind.
        var readings = Enumerable.Range(0, 40).Select(p => new SealReading($"P{(p * 7) % 40:00}", p * 1.5, p % 3)).ToArray();
        var layout = new SealSampleLayout(SealFixture.Station, [.. readings.Select(r => r.Parameter)]);
        var times = Enumerable.Range(0, 500).Select(i => SealFixture.At(0) + (i * 1000L)).ToList();
        (times[10], times[200]) = (times[200], times[10]);
        // A copy each: the encoder sorts the readings it is given in place.
        var items = times.Select(t => SealEncoder.Sample(SealFixture.Station, t, [.. readings])).ToList();
        var batch = new SealBatch();
        foreach (var t in times)
        {
            batch.AddSample(layout, t, [.. readings.Select(r => r.Value)], [.. readings.Select(r => r.Status)]);
        }

        var start = SealChain.Genesis(SealFixture.Station, SealFixture.Day);
        var expected = SHA256.HashData([.. start, .. items.OrderBy(i => i.Time).SelectMany(i => i.Record)]);
        Assert.True(items.Sum(i => i.Record.Length) > 3 * 64 * 1024);

        batch.SortChainOrder();

        Assert.Equal(expected, SealChain.Link(start, batch));
        Assert.Equal(SealEntries.Pack(SealBatch.Of(items.OrderBy(i => i.Time))), SealEntries.Pack(batch));
    }
}
