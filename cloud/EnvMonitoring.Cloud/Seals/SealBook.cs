using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>
/// The sealer's memory of one station-day: what arrived since its last seal (in arrival order), every
/// key sealed or waiting (repeats are not sealed twice), where its chain stands, and whether the day is closed.
/// </summary>
internal sealed class SealBook(string station, string park, DateOnly day, int sealAt)
{
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

    /// <summary>Adds a sample unless its time is sealed or waiting already (its readings are sorted in place); whether it was new.</summary>
    public bool AddSample(long milliseconds, Span<SealReading> readings)
    {
        if (!Known.Add(new SealKey(SealItemKind.Sample, milliseconds)))
        {
            return false;
        }

        Pending.AddSample(Station, milliseconds, readings);
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
}
