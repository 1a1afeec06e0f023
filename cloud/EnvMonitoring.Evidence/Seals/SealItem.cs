namespace EnvMonitoring.Evidence.Seals;

/// <summary>What a seal covers: a station's sample at one measured time, or one alert event of the station.</summary>
public enum SealItemKind
{
    Sample,
    Event,
}

/// <summary>
/// One item of a station-day's chain (docs/evidence.md): its key (a sample's measured time, or an
/// event's sequence number), its canonical record (the bytes the chain hashes), and short
/// fingerprints that let a verifier say which reading changed: one byte per reading of a sample
/// (its parameters in the same order), four for an event.
/// </summary>
/// <param name="Kind">Sample or event.</param>
/// <param name="Time">Measured time (sample) or event time, Unix milliseconds.</param>
/// <param name="Seq">The event's sequence number; 0 for a sample.</param>
/// <param name="Record">The canonical record (<see cref="SealEncoder"/>).</param>
/// <param name="Parameters">A sample's parameter codes in ordinal order; empty for an event.</param>
/// <param name="Fingerprints">A byte per parameter of a sample; four bytes for an event.</param>
public sealed record SealItem(SealItemKind Kind, long Time, long Seq, byte[] Record, IReadOnlyList<string> Parameters, byte[] Fingerprints)
{
    /// <summary>How many readings a sample holds; 0 for an event.</summary>
    public int Readings => Parameters.Count;

    /// <summary>Orders items as the chain links them: by time, samples before events, events by sequence.</summary>
    public static int CompareChainOrder(SealItem? a, SealItem? b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byTime = a.Time.CompareTo(b.Time);
        return byTime != 0 ? byTime : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : a.Seq.CompareTo(b.Seq);
    }

    /// <summary>The key that identifies the item within its station-day.</summary>
    public SealKey Key => new(Kind, Kind == SealItemKind.Sample ? Time : Seq);
}

/// <summary>A sample's measured time (ms) or an event's sequence number.</summary>
public readonly record struct SealKey(SealItemKind Kind, long Value);
