using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>
/// What a station-day holds for its next seal: the items' canonical records one after another in one
/// buffer, and a value per item (time, kind, sequence, where its record is). No object per item: a
/// burst of thousands of samples waiting across hundreds of books stays out of the garbage collector's
/// way, and the items are made only when sealed (<see cref="Take"/>).
/// </summary>
internal sealed class PendingRecords
{
    private readonly List<Entry> _entries = [];
    private byte[] _buffer = new byte[4096];
    private int _used;

    public int Count => _entries.Count;

    public IEnumerable<SealKey> Keys => _entries.Select(e => new SealKey(e.Kind, e.Kind == SealItemKind.Sample ? e.Time : e.Seq));

    /// <summary>A sample's record, written straight into the buffer (its readings are sorted in place).</summary>
    public void AddSample(string station, long milliseconds, Span<SealReading> readings)
    {
        var size = SealEncoder.SampleSize(station, readings);
        Reserve(size);
        SealEncoder.WriteSample(_buffer.AsSpan(_used, size), station, milliseconds, readings);
        _entries.Add(new Entry(milliseconds, SealItemKind.Sample, 0, _used, size));
        _used += size;
    }

    public void Add(SealItem item)
    {
        Reserve(item.Record.Length);
        item.Record.CopyTo(_buffer, _used);
        _entries.Add(new Entry(item.Time, item.Kind, item.Seq, _used, item.Record.Length));
        _used += item.Record.Length;
    }

    /// <summary>The items waiting, as items, and forgets them.</summary>
    public List<SealItem> Take()
    {
        var items = _entries.Select(e => new SealItem(e.Kind, e.Time, e.Seq, _buffer.AsSpan(e.Offset, e.Length).ToArray())).ToList();
        _entries.Clear();
        _used = 0;
        return items;
    }

    private void Reserve(int size)
    {
        if (_used + size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + size));
        }
    }

    private readonly record struct Entry(long Time, SealItemKind Kind, long Seq, int Offset, int Length);
}
