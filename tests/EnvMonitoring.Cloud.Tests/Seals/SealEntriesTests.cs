using System.Buffers.Binary;
using System.IO.Hashing;
using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Cloud.Tests.Seals;

/// <summary>
/// A seal's entry list as docs/evidence.md documents it: the bytes written for a small version,
/// decoded here by hand, and what a verifier reads back from every shape of item.
/// </summary>
public sealed class SealEntriesTests
{
    private const string Station = "TS-01";

    [Fact]
    public void Entries_are_written_in_the_documented_layout()
    {
        var t0 = SealFixture.At(0);
        var first = SealEncoder.Sample(Station, t0, [new SealReading("pH", 7.1, 0), new SealReading("COD", 40, 0)]);
        var second = SealEncoder.Sample(Station, t0 + 1000, [new SealReading("COD", 41, 0), new SealReading("pH", 7.2, 0)]);
        var third = SealEncoder.Sample(Station, t0 + 2000, [new SealReading("TSS", 9, 0)]);
        var alert = SealEncoder.Event(Station, t0 + 2000, 7, """{"kind":"Opened"}""");

        var bytes = Convert.FromBase64String(SealEntries.Pack([first, second, third, alert]));

        byte[] expected =
        [
            3, // format
            3, 3, (byte)'C', (byte)'O', (byte)'D', 2, (byte)'p', (byte)'H', 3, (byte)'T', (byte)'S', (byte)'S', // table, in order of first use (records hold ordinal order: COD before pH)
            .. BigEndian(t0),
            (byte)'P', 0, 2, 0, 1, ReadingFingerprint(first.Record, 0), ReadingFingerprint(first.Record, 1),
            (byte)'S', 0xE8, 0x07, ReadingFingerprint(second.Record, 0), ReadingFingerprint(second.Record, 1), // 1000 ms as LEB128
            (byte)'P', 0xE8, 0x07, 1, 2, ReadingFingerprint(third.Record, 0),
            (byte)'E', 0, .. BigEndian(7), .. EventFingerprint(alert.Record),
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Samples_at_one_step_are_written_as_a_run()
    {
        var t0 = SealFixture.At(0);
        var samples = Enumerable.Range(0, 5)
            .Select(i => SealEncoder.Sample(Station, t0 + (i * 60_000L) + (i == 4 ? 1 : 0), [new SealReading("COD", 40 + i, 0), new SealReading("pH", 7, 0)]))
            .ToList();
        var alert = SealEncoder.Event(Station, t0 + 60_000, 7, "{}");

        var bytes = Convert.FromBase64String(SealEntries.Pack([samples[0], samples[1], alert, .. samples.Skip(2)]));

        byte[] expected =
        [
            3, 2, 3, (byte)'C', (byte)'O', (byte)'D', 2, (byte)'p', (byte)'H', .. BigEndian(t0),
            (byte)'P', 0, 2, 0, 1, .. Fingerprints(samples[0]),
            (byte)'S', 0xE0, 0xD4, 0x03, .. Fingerprints(samples[1]), // 60,000 ms; alone before the event: no run
            (byte)'E', 0, .. BigEndian(7), .. EventFingerprint(alert.Record),
            (byte)'R', 2, 0xE0, 0xD4, 0x03, .. Fingerprints(samples[2]), .. Fingerprints(samples[3]), // two at 60,000 ms each
            (byte)'S', 0xE1, 0xD4, 0x03, .. Fingerprints(samples[4]), // 60,001 ms: another step
        ];
        Assert.Equal(expected, bytes);
        Assert.Equal([.. samples.Take(2).Select(s => s.Key), alert.Key, .. samples.Skip(2).Select(s => s.Key)], SealEntries.Unpack(Convert.ToBase64String(bytes)).Select(e => e.Key));
    }

    [Fact]
    public void Every_item_reads_back_as_its_own_entry()
    {
        var t0 = SealFixture.At(0);
        List<SealItem> items =
        [
            SealEncoder.Sample(Station, t0, [new SealReading("pH", 7.1, 0), new SealReading("COD", 40, 0)]),
            SealEncoder.Sample(Station, t0 + 1, [new SealReading("pH", 7.2, 0), new SealReading("COD", 40, 3)]),
            SealEncoder.Event(Station, t0 + 1, 9, """{"kind":"Acknowledged"}"""),
            SealEncoder.Sample(Station, t0 + 86_000_000, [new SealReading("NH4", 1.5, 0)]),
            SealEncoder.Sample(Station, t0 + 86_000_500, [new SealReading("pH", 6.9, 0), new SealReading("COD", 38, 0)]),
            .. Enumerable.Range(1, 6).Select(i => SealEncoder.Sample(Station, t0 + 86_000_500 + (i * 1000L) + (i > 3 ? 7 : 0), [new SealReading("pH", 7 + (i * 0.1), 0), new SealReading("COD", 38, i % 2)])),
        ];

        var entries = SealEntries.Unpack(SealEntries.Pack(items));

        Assert.Equal(items.Count, entries.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var expected = SealEntry.Of(items[i]);
            Assert.Equal((expected.Kind, expected.Time, expected.Seq), (entries[i].Kind, entries[i].Time, entries[i].Seq));
            Assert.Equal(expected.Fingerprints.OrderBy(f => f.Key), entries[i].Fingerprints.OrderBy(f => f.Key));
        }
    }

    [Fact]
    public void A_batch_and_the_same_items_one_by_one_make_the_same_seal()
    {
        var t0 = SealFixture.At(0);
        SealItem[] items =
        [
            SealEncoder.Sample(Station, t0 + 2000, [new SealReading("COD", 41, 0)]),
            SealEncoder.Event(Station, t0, 3, "{}"),
            SealEncoder.Sample(Station, t0, [new SealReading("COD", 40, 0)]),
        ];
        var batch = new SealBatch();
        foreach (var item in items)
        {
            batch.Add(item);
        }

        var sealedAt = DateTimeOffset.UnixEpoch;
        var fromBatch = SealDocument.Next(null, Station, SealFixture.Day, batch, false, sealedAt, "k");
        var fromItems = SealDocument.Next(null, Station, SealFixture.Day, [.. items], false, sealedAt, "k");

        Assert.Equal(fromItems, fromBatch);
        Assert.Equal((2, 2, 1), (fromBatch.Samples, fromBatch.Readings, fromBatch.Events));
        Assert.Equal([new SealKey(SealItemKind.Sample, t0), new SealKey(SealItemKind.Event, 3), new SealKey(SealItemKind.Sample, t0 + 2000)], batch.Keys);
    }

    [Fact]
    public void Entries_of_the_first_format_still_read()
    {
        var t0 = SealFixture.At(0);
        var sample = SealEncoder.Sample(Station, t0, [new SealReading("COD", 40, 0)]);
        byte[] first = [1, 1, 3, (byte)'C', (byte)'O', (byte)'D', (byte)'S', .. BigEndian(t0), 1, 0, ReadingFingerprint(sample.Record, 0)];

        var entry = Assert.Single(SealEntries.Unpack(Convert.ToBase64String(first)));

        Assert.Equal((SealItemKind.Sample, t0), (entry.Kind, entry.Time));
        Assert.Equal(SealEntry.Of(sample).Fingerprints, entry.Fingerprints);
    }

    [Fact]
    public void Entries_of_the_second_format_still_read()
    {
        var t0 = SealFixture.At(0);
        var first = SealEncoder.Sample(Station, t0, [new SealReading("COD", 40, 0)]);
        var second = SealEncoder.Sample(Station, t0 + 1000, [new SealReading("COD", 41, 0)]);
        byte[] bytes =
        [
            2, 1, 3, (byte)'C', (byte)'O', (byte)'D', .. BigEndian(t0),
            (byte)'P', 0, 1, 0, ReadingFingerprint(first.Record, 0),
            (byte)'S', 0xE8, 0x07, ReadingFingerprint(second.Record, 0),
        ];

        var entries = SealEntries.Unpack(Convert.ToBase64String(bytes));

        Assert.Equal([t0, t0 + 1000], entries.Select(e => e.Time));
        Assert.Equal(SealEntry.Of(first).Fingerprints, entries[0].Fingerprints);
        Assert.Equal(SealEntry.Of(second).Fingerprints, entries[1].Fingerprints);
    }

    [Theory]
    [InlineData(new byte[] { 4, 0 }, "unknown format")]
    [InlineData(new byte[] { 2, 1, 1, (byte)'X', 0, 0, 0, 0, 0, 0, 0, 0, (byte)'P', 0, 1, 0, 5, (byte)'R', 2, 0, 5, 5 }, "unknown seal entry kind")]
    [InlineData(new byte[] { 3, 1, 1, (byte)'X', 0, 0, 0, 0, 0, 0, 0, 0, (byte)'P', 0, 1, 0, 5, (byte)'R', 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0, 5 }, "middle of an entry")]
    [InlineData(new byte[] { 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)'R', 2, 0 }, "no sample before")]
    [InlineData(new byte[] { 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)'P', 0, 0, (byte)'R', 2, 0, (byte)'E', 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 }, "middle of an entry")] // a run of samples without readings: never written
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)'S', 0 }, "no sample before")]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)'P', 0, 1, 5 }, "middle of an entry")]
    public void Damaged_entries_are_refused_with_a_reason(byte[] bytes, string reason)
    {
        var e = Assert.Throws<InvalidDataException>(() => SealEntries.Unpack(Convert.ToBase64String(bytes)));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    private static byte[] BigEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>The top byte of XXH3-64 over the reading's code (length + ASCII), value and status bytes, found by walking the record.</summary>
    private static byte ReadingFingerprint(byte[] record, int reading)
    {
        var n = 2 + record[1] + 8 + 1;
        for (var i = 0; i < reading; i++)
        {
            n += 1 + record[n] + 9;
        }

        return (byte)(XxHash3.HashToUInt64(record.AsSpan(n, 1 + record[n] + 9)) >> 56);
    }

    private static byte[] Fingerprints(SealItem sample) => [ReadingFingerprint(sample.Record, 0), ReadingFingerprint(sample.Record, 1)];

    private static byte[] EventFingerprint(byte[] record)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)(XxHash3.HashToUInt64(record) >> 32));
        return bytes;
    }
}
