namespace EnvMonitoring.Evidence.Seals;

/// <summary>What a seal covers: a station's sample at one measured time, or one alert event of the station.</summary>
public enum SealItemKind
{
    Sample,
    Event,
}

/// <summary>
/// One link of a station-day's chain (docs/evidence.md): its key (a sample's measured time, or an
/// event's sequence number), the SHA-256 of its canonical records, and its entry in the seal, which
/// names it and carries a short fingerprint per reading so a verifier can say which reading changed.
/// </summary>
/// <param name="Kind">Sample or event.</param>
/// <param name="Time">Measured time (sample) or event time, Unix milliseconds.</param>
/// <param name="Seq">The event's sequence number; 0 for a sample.</param>
/// <param name="Digest">SHA-256 of the item's canonical records.</param>
/// <param name="Entry">The item's line in the seal's entry list, without its line feed.</param>
/// <param name="Readings">How many readings a sample holds; 0 for an event.</param>
public sealed record SealItem(SealItemKind Kind, long Time, long Seq, byte[] Digest, string Entry, int Readings = 0)
{
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
