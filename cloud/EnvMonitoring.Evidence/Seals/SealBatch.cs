using System.Buffers;
using System.Security.Cryptography;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// The items of one seal version, their canonical records one after another in a few buffers and a
/// value per item (time, kind, sequence, where its record is): no object per item, so a burst of
/// thousands of samples waiting across hundreds of station-days stays out of the garbage
/// collector's way. The buffers are 16 KB arrays, given back when the batch is cleared (its version
/// sealed): a station-day holds buffers only for what waits, not the most it ever held, and each stays
/// below the large object heap. They and the longer entry arrays come from the batches' own pools, not
/// the shared ones: hundreds of station-days fill side by side, far more arrays than the shared pools
/// keep per size, so with those nearly every buffer was a new one that lived seconds (through
/// collections) and then was garbage. The pools keep what was in use at once, up to a bound
/// (<see cref="PooledBuffers"/>, <see cref="PooledEntryArrays"/>). The sealer keeps one per station-day
/// and seals straight from it
/// (<see cref="SealDocument.Next(SealLink?, string, DateOnly, SealBatch, bool, DateTimeOffset, string)"/>).
/// </summary>
public sealed class SealBatch
{
    /// <summary>A buffer's size: a seal's worth of records (1,024 samples are ~129 KB) takes several; a few waiting items one.</summary>
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The batch's own entry array; every longer one is the pool's, given back when outgrown or cleared.</summary>
    private const int OwnEntries = 16;

    /// <summary>How many buffers the pool keeps: ~64 MB, a full batch for each of ~450 station-days.</summary>
    private const int PooledBuffers = 4096;

    /// <summary>How many entry arrays of one size (16 to 2,048 entries) the pool keeps.</summary>
    private const int PooledEntryArrays = 1024;

    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(ChunkBytes, PooledBuffers);
    private static readonly ArrayPool<Entry> EntryArrays = ArrayPool<Entry>.Create(2048, PooledEntryArrays);

    private readonly List<byte[]> _chunks = [];

    /// <summary>The layouts of the samples added by one (a station's one or few), by index from their entries.</summary>
    private readonly List<SealSampleLayout> _layouts = [];
    private Entry[] _entries = new Entry[OwnEntries];
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

    /// <summary>A sample's record, written straight into the buffer from its <paramref name="layout"/> (values and statuses in the layout's order of codes).</summary>
    public void AddSample(SealSampleLayout layout, long milliseconds, ReadOnlySpan<double> values, ReadOnlySpan<int> statuses)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var offset = Reserve(layout.Size);
        layout.Write(_chunks[^1].AsSpan(offset, layout.Size), milliseconds, values, statuses);
        var index = _layouts.Count > 0 && ReferenceEquals(_layouts[^1], layout) ? _layouts.Count - 1 : _layouts.IndexOf(layout);
        if (index < 0)
        {
            index = _layouts.Count;
            _layouts.Add(layout);
        }

        Append(new Entry(milliseconds, 0, _chunks.Count - 1, offset, layout.Size, SealItemKind.Sample, checked((short)index)));
    }

    /// <summary>Forgets the items and gives the buffers back to the pool (spans from <see cref="RecordAt"/> end here).</summary>
    public void Clear()
    {
        foreach (var chunk in _chunks)
        {
            Buffers.Return(chunk);
        }

        _chunks.Clear();
        _layouts.Clear();
        _used = 0;
        if (_entries.Length > OwnEntries)
        {
            EntryArrays.Return(_entries);
            _entries = new Entry[OwnEntries];
        }

        Count = 0;
    }

    /// <summary>Puts the items in chain order (<see cref="SealItem.CompareChainKeys"/>); a station's usually arrive in it, which one pass finds.</summary>
    public void SortChainOrder()
    {
        var entries = _entries.AsSpan(0, Count);
        for (var i = 1; i < entries.Length; i++)
        {
            if (Compare(entries[i - 1], entries[i]) > 0)
            {
                entries.Sort(static (a, b) => Compare(a, b));
                return;
            }
        }
    }

    internal SealKey KeyAt(int index) => _entries[index].Key;

    internal SealItemKind KindAt(int index) => _entries[index].Kind;

    internal long TimeAt(int index) => _entries[index].Time;

    internal long SeqAt(int index) => _entries[index].Seq;

    /// <summary>The layout a sample's record was written from, or null (an item added whole).</summary>
    internal SealSampleLayout? LayoutAt(int index) => _entries[index].Layout < 0 ? null : _layouts[_entries[index].Layout];

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
        record.CopyTo(_chunks[^1].AsSpan(offset));
        Append(new Entry(time, seq, _chunks.Count - 1, offset, record.Length, kind, Layout: -1));
    }

    /// <summary>Room for a record in the current buffer, else in a new one from the pool (a record larger than <see cref="ChunkBytes"/> gets one of its own size).</summary>
    private int Reserve(int size)
    {
        if (_chunks.Count == 0 || _used + size > _chunks[^1].Length)
        {
            _chunks.Add(Buffers.Rent(Math.Max(ChunkBytes, size)));
            _used = 0;
        }

        var offset = _used;
        _used += size;
        return offset;
    }

    private void Append(Entry entry)
    {
        if (Count == _entries.Length)
        {
            var grown = EntryArrays.Rent(Count * 2);
            _entries.AsSpan(0, Count).CopyTo(grown);
            if (_entries.Length > OwnEntries)
            {
                EntryArrays.Return(_entries);
            }

            _entries = grown;
        }

        _entries[Count++] = entry;
    }

    private static int Compare(in Entry a, in Entry b) => SealItem.CompareChainKeys(a.Time, a.Kind, a.Seq, b.Time, b.Kind, b.Seq);

    /// <summary>An item: its key, where its record is and which layout wrote it (-1: none).</summary>
    private readonly record struct Entry(long Time, long Seq, int Chunk, int Offset, int Length, SealItemKind Kind, short Layout)
    {
        public SealKey Key => new(Kind, Kind == SealItemKind.Sample ? Time : Seq);
    }
}
