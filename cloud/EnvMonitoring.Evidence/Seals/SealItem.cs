using System.Buffers.Binary;
using System.Text;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>What a seal covers: a station's sample at one measured time, or one alert event of the station.</summary>
public enum SealItemKind
{
    Sample,
    Event,
}

/// <summary>
/// One item of a station-day's chain (docs/evidence.md): its key (a sample's measured time, or an
/// event's sequence number) and its canonical record (<see cref="SealEncoder"/>), the bytes the chain
/// hashes. Its fingerprints, read from the record, let a verifier say which reading changed: the top
/// byte of the XXH3-64 of each reading's code, value and status bytes; for an event the top four bytes
/// of its whole record's.
/// </summary>
/// <param name="Kind">Sample or event.</param>
/// <param name="Time">Measured time (sample) or event time, Unix milliseconds.</param>
/// <param name="Seq">The event's sequence number; 0 for a sample.</param>
/// <param name="Record">The canonical record.</param>
public sealed record SealItem(SealItemKind Kind, long Time, long Seq, byte[] Record)
{
    private (string[] Parameters, byte[] Fingerprints)? _read;

    /// <summary>A sample's parameter codes in ordinal order; empty for an event.</summary>
    public IReadOnlyList<string> Parameters => Read().Parameters;

    /// <summary>A byte per parameter of a sample; four bytes for an event.</summary>
    public byte[] Fingerprints => Read().Fingerprints;

    /// <summary>How many readings a sample holds; 0 for an event.</summary>
    public int Readings => Kind == SealItemKind.Sample ? SealRecord.ReadingsOf(Record).Count : 0;

    /// <summary>Orders items as the chain links them: by time, samples before events, events by sequence.</summary>
    public static int CompareChainOrder(SealItem? a, SealItem? b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return CompareChainKeys(a.Time, a.Kind, a.Seq, b.Time, b.Kind, b.Seq);
    }

    /// <summary>The chain order of two items given by their time, kind and sequence.</summary>
    public static int CompareChainKeys(long timeA, SealItemKind kindA, long seqA, long timeB, SealItemKind kindB, long seqB)
    {
        var byTime = timeA.CompareTo(timeB);
        return byTime != 0 ? byTime : kindA != kindB ? kindA.CompareTo(kindB) : seqA.CompareTo(seqB);
    }

    /// <summary>The key that identifies the item within its station-day.</summary>
    public SealKey Key => new(Kind, Kind == SealItemKind.Sample ? Time : Seq);

    private (string[] Parameters, byte[] Fingerprints) Read()
    {
        if (_read is { } read)
        {
            return read;
        }

        if (Kind == SealItemKind.Event)
        {
            var fingerprint = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(fingerprint, SealRecord.EventFingerprint(Record));
            _read = ([], fingerprint);
            return _read.Value;
        }

        var readings = SealRecord.ReadingsOf(Record);
        var parameters = new string[readings.Count];
        var fingerprints = new byte[readings.Count];
        for (var i = 0; readings.MoveNext(); i++)
        {
            parameters[i] = Encoding.ASCII.GetString(readings.Code);
            fingerprints[i] = readings.Fingerprint;
        }

        _read = (parameters, fingerprints);
        return _read.Value;
    }
}

/// <summary>A sample's measured time (ms) or an event's sequence number.</summary>
public readonly record struct SealKey(SealItemKind Kind, long Value);
