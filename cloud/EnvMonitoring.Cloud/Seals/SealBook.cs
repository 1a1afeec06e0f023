using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>
/// The sealer's memory of one station-day: what arrived since its last seal (in arrival order), every
/// key sealed or waiting (repeats are not sealed twice), where its chain stands, and whether the day is closed.
/// </summary>
internal sealed class SealBook(string station, string park, DateOnly day, int sealAt)
{
    /// <summary>The station's parameters as its last sample listed them (the catalog's instances) and the record layout they make.</summary>
    private Parameter[] _parameters = [];
    private SealSampleLayout? _layout;

    public string Station { get; } = station;

    /// <summary>How many waiting items make a seal at once.</summary>
    public int SealAt { get; } = sealAt;

    public string Park { get; set; } = park;

    public DateOnly Day { get; } = day;

    public SealBatch Pending { get; } = new();

    public DayKeys Known { get; } = new(ProvinceTime.StartOf(day).ToUnixTimeMilliseconds());

    /// <summary>Where the day's chain stands (its newest seal's version, id and head; not the document, which the store keeps).</summary>
    public SealLink? Last { get; set; }

    public bool CloseSealed { get; set; }

    /// <summary>Ticks since anything arrived: a closed day's book is forgotten after one idle tick.</summary>
    public int IdleTicks { get; set; }

    /// <summary>Adds an item unless its key is sealed or waiting already; whether it was new.</summary>
    public bool Add(SealItem item)
    {
        if (!Known.Add(item.Key))
        {
            return false;
        }

        Pending.Add(item);
        IdleTicks = 0;
        return true;
    }

    /// <summary>Adds a stored sample unless its time is sealed or waiting already; whether it was new.</summary>
    public bool AddSample(Sample sample)
    {
        var milliseconds = sample.Timestamp.ToUnixTimeMilliseconds();
        if (!Known.Add(new SealKey(SealItemKind.Sample, milliseconds)))
        {
            return false;
        }

        // The codec's samples hold arrays: read as a span, not through the interface a reading at a time.
        ReadOnlySpan<Reading> readings = sample.Readings as Reading[] ?? [.. sample.Readings];
        var layout = LayoutOf(readings);
        Span<double> values = stackalloc double[readings.Length];
        Span<int> statuses = stackalloc int[readings.Length];
        SealItems.Fill(readings, values, statuses);
        Pending.AddSample(layout, milliseconds, values, statuses);
        IdleTicks = 0;
        return true;
    }

    /// <summary>Remembers what an earlier seal covers (from the store).</summary>
    public void Sealed(SignedSeal seal)
    {
        foreach (var entry in SealEntries.Unpack(seal.Parsed.Entries))
        {
            Known.Add(entry.Key);
        }

        if (Last is null || seal.Parsed.Version > Last.Version)
        {
            Last = seal.Link;
        }

        CloseSealed |= seal.Parsed.Closed;
    }

    /// <summary>The layout of the station's samples with these readings: a station sends the same parameters sample after sample, so it is learnt again only when they change.</summary>
    private SealSampleLayout LayoutOf(ReadOnlySpan<Reading> readings)
    {
        if (_layout is null || readings.Length != _parameters.Length || !SameParameters(readings))
        {
            _layout = new SealSampleLayout(Station, SealItems.Codes(readings));
            _parameters = new Parameter[readings.Length];
            for (var i = 0; i < readings.Length; i++)
            {
                _parameters[i] = readings[i].Parameter;
            }
        }

        return _layout;
    }

    private bool SameParameters(ReadOnlySpan<Reading> readings)
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            if (!ReferenceEquals(readings[i].Parameter, _parameters[i]))
            {
                return false;
            }
        }

        return true;
    }
}
