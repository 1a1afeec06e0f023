namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// The items of one seal version, their canonical records one after another in one buffer and a
/// value per item (time, kind, sequence, where its record is): no object per item, so a burst of
/// thousands of samples waiting across hundreds of station-days stays out of the garbage
/// collector's way. The sealer keeps one per station-day and seals straight from it
/// (<see cref="SealDocument.Next(SignedSeal?, string, DateOnly, SealBatch, bool, DateTimeOffset, string)"/>).
/// </summary>
public sealed class SealBatch
{
    private Entry[] _entries = new Entry[16];
    private byte[] _buffer = new byte[4096];
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
        SealEncoder.WriteSample(_buffer.AsSpan(offset, size), station, milliseconds, readings);
        Append(new Entry(milliseconds, SealItemKind.Sample, 0, offset, size));
    }

    public void Clear()
    {
        Count = 0;
        _used = 0;
    }

    /// <summary>Puts the items in chain order (<see cref="SealItem.CompareChainKeys"/>).</summary>
    public void SortChainOrder() =>
        _entries.AsSpan(0, Count).Sort(static (a, b) => SealItem.CompareChainKeys(a.Time, a.Kind, a.Seq, b.Time, b.Kind, b.Seq));

    internal SealKey KeyAt(int index) => _entries[index].Key;

    internal SealItemKind KindAt(int index) => _entries[index].Kind;

    internal long TimeAt(int index) => _entries[index].Time;

    internal long SeqAt(int index) => _entries[index].Seq;

    internal ReadOnlySpan<byte> RecordAt(int index) => _buffer.AsSpan(_entries[index].Offset, _entries[index].Length);

    private void Add(SealItemKind kind, long time, long seq, ReadOnlySpan<byte> record)
    {
        var offset = Reserve(record.Length);
        record.CopyTo(_buffer.AsSpan(offset));
        Append(new Entry(time, kind, seq, offset, record.Length));
    }

    private int Reserve(int size)
    {
        if (_used + size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + size));
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

    private readonly record struct Entry(long Time, SealItemKind Kind, long Seq, int Offset, int Length)
    {
        public SealKey Key => new(Kind, Kind == SealItemKind.Sample ? Time : Seq);
    }
}
