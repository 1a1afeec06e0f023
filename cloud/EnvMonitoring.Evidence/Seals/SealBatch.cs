using System.Security.Cryptography;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// The items of one seal version, their canonical records one after another in a few buffers and a
/// value per item (time, kind, sequence, where its record is): no object per item, so a burst of
/// thousands of samples waiting across hundreds of station-days stays out of the garbage
/// collector's way. The buffers stay below the large object heap's threshold: a seal's worth of
/// records (1,024 samples are ~129 KB) in one array would put every station-day's buffer there,
/// and each such allocation brings a full collection nearer. The sealer keeps one per station-day
/// and seals straight from it
/// (<see cref="SealDocument.Next(SignedSeal?, string, DateOnly, SealBatch, bool, DateTimeOffset, string)"/>).
/// </summary>
public sealed class SealBatch
{
    /// <summary>A buffer's size once grown: under the 85,000 bytes from which an array goes to the large object heap.</summary>
    private const int ChunkBytes = 64 * 1024;

    private readonly List<byte[]> _chunks = [new byte[4096]];
    private Entry[] _entries = new Entry[16];
    private int _chunk;
    private int _used;

    public int Count { get; private set; }

    /// <summary>The items' keys, in the batch's order.</summary>
    public IEnumerable<SealKey> Keys
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return _entries[i].Key;
            }
        }
    }

    /// <summary>A batch of <paramref name="items"/> in their order.</summary>
    public static SealBatch Of(IEnumerable<SealItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var batch = new SealBatch();
        foreach (var item in items)
        {
            batch.Add(item);
        }

        return batch;
    }

    public void Add(SealItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Add(item.Kind, item.Time, item.Seq, item.Record);
    }

    /// <summary>A sample's record, written straight into the buffer (its readings are sorted in place).</summary>
    public void AddSample(string station, long milliseconds, Span<SealReading> readings)
    {
        var size = SealEncoder.SampleSize(station, readings);
        var offset = Reserve(size);
        SealEncoder.WriteSample(_chunks[_chunk].AsSpan(offset, size), station, milliseconds, readings);
        Append(new Entry(milliseconds, SealItemKind.Sample, 0, _chunk, offset, size));
    }

    public void Clear()
    {
        Count = 0;
        _chunk = 0;
        _used = 0;
    }

    /// <summary>Puts the items in chain order (<see cref="SealItem.CompareChainKeys"/>).</summary>
    public void SortChainOrder() =>
        _entries.AsSpan(0, Count).Sort(static (a, b) => SealItem.CompareChainKeys(a.Time, a.Kind, a.Seq, b.Time, b.Kind, b.Seq));

    internal SealKey KeyAt(int index) => _entries[index].Key;

    internal SealItemKind KindAt(int index) => _entries[index].Kind;

    internal long TimeAt(int index) => _entries[index].Time;

    internal long SeqAt(int index) => _entries[index].Seq;

    internal ReadOnlySpan<byte> RecordAt(int index) => _chunks[_entries[index].Chunk].AsSpan(_entries[index].Offset, _entries[index].Length);

    /// <summary>
    /// Hashes the records in the batch's order: records that lie one after another in a buffer (items
    /// that arrived in chain order, as a station's usually do) go to the hash in one call.
    /// </summary>
    internal void AppendRecordsTo(IncrementalHash hash)
    {
        var i = 0;
        while (i < Count)
        {
            var first = _entries[i];
            var length = first.Length;
            for (i++; i < Count && _entries[i].Chunk == first.Chunk && _entries[i].Offset == first.Offset + length; i++)
            {
                length += _entries[i].Length;
            }

            hash.AppendData(_chunks[first.Chunk].AsSpan(first.Offset, length));
        }
    }

    private void Add(SealItemKind kind, long time, long seq, ReadOnlySpan<byte> record)
    {
        var offset = Reserve(record.Length);
        record.CopyTo(_chunks[_chunk].AsSpan(offset));
        Append(new Entry(time, kind, seq, _chunk, offset, record.Length));
    }

    /// <summary>Room for a record in the current buffer: grown up to <see cref="ChunkBytes"/>, then the next one (a record larger than that gets a buffer of its own size).</summary>
    private int Reserve(int size)
    {
        var buffer = _chunks[_chunk];
        if (_used + size > buffer.Length)
        {
            if (_used + size <= ChunkBytes)
            {
                var grown = new byte[Math.Min(Math.Max(buffer.Length * 2, _used + size), ChunkBytes)];
                buffer.AsSpan(0, _used).CopyTo(grown);
                _chunks[_chunk] = grown;
            }
            else
            {
                _chunk++;
                _used = 0;
                if (_chunk == _chunks.Count)
                {
                    _chunks.Add(new byte[Math.Max(ChunkBytes, size)]);
                }
                else if (_chunks[_chunk].Length < size)
                {
                    _chunks[_chunk] = new byte[size];
                }
            }
        }

        var offset = _used;
        _used += size;
        return offset;
    }

    private void Append(Entry entry)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, Count * 2);
        }

        _entries[Count++] = entry;
    }

    private readonly record struct Entry(long Time, SealItemKind Kind, long Seq, int Chunk, int Offset, int Length)
    {
        public SealKey Key => new(Kind, Kind == SealItemKind.Sample ? Time : Seq);
    }
}
