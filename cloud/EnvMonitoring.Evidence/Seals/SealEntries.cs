using System.Buffers.Binary;
using System.Text;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// A seal's entry list (docs/evidence.md, "The seal"): what each version covers, base64 of bytes
/// (big-endian): a format byte (1); the parameter table, a count (1 byte) then each code (1-byte
/// length, ASCII); then per item in chain order a kind byte, <c>'S'</c> with its time (int64 ms), a reading
/// count (1 byte) and per reading its parameter's index and fingerprint (1 byte each), or <c>'E'</c> with
/// its time, its sequence (int64) and its 4-byte fingerprint.
/// </summary>
public static class SealEntries
{
    private const byte Format = 1;

    public static string Pack(IReadOnlyList<SealItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var table = new Dictionary<string, byte>(StringComparer.Ordinal);
        var size = 2;
        foreach (var item in items)
        {
            size += item.Kind == SealItemKind.Sample ? 10 + (2 * item.Parameters.Count) : 21;
            foreach (var parameter in item.Parameters)
            {
                if (!table.ContainsKey(parameter))
                {
                    table[parameter] = checked((byte)table.Count);
                    size += 1 + parameter.Length;
                }
            }
        }

        var bytes = new byte[size];
        var span = bytes.AsSpan();
        span[0] = Format;
        span[1] = (byte)table.Count;
        var n = 2;
        foreach (var (parameter, _) in table.OrderBy(p => p.Value))
        {
            span[n++] = (byte)parameter.Length;
            n += Encoding.ASCII.GetBytes(parameter, span[n..]);
        }

        foreach (var item in items)
        {
            span[n++] = item.Kind == SealItemKind.Sample ? (byte)'S' : (byte)'E';
            BinaryPrimitives.WriteInt64BigEndian(span[n..], item.Time);
            n += 8;
            if (item.Kind == SealItemKind.Event)
            {
                BinaryPrimitives.WriteInt64BigEndian(span[n..], item.Seq);
                item.Fingerprints.AsSpan(0, 4).CopyTo(span[(n + 8)..]);
                n += 12;
                continue;
            }

            span[n++] = (byte)item.Parameters.Count;
            for (var i = 0; i < item.Parameters.Count; i++)
            {
                span[n++] = table[item.Parameters[i]];
                span[n++] = item.Fingerprints[i];
            }
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>The entries of a seal, in its order.</summary>
    public static List<SealEntry> Unpack(string packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        var bytes = Convert.FromBase64String(packed);
        try
        {
            if (bytes[0] != Format)
            {
                throw new InvalidDataException($"Seal entries of an unknown format {bytes[0]}.");
            }

            var table = new string[bytes[1]];
            var n = 2;
            for (var i = 0; i < table.Length; i++)
            {
                table[i] = Encoding.ASCII.GetString(bytes, n + 1, bytes[n]);
                n += 1 + bytes[n];
            }

            var entries = new List<SealEntry>();
            while (n < bytes.Length)
            {
                var kind = bytes[n++];
                var time = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(n));
                n += 8;
                var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
                if (kind == (byte)'E')
                {
                    var seq = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(n));
                    fingerprints[SealEntry.EventFingerprint] = Convert.ToHexStringLower(bytes, n + 8, 4);
                    n += 12;
                    entries.Add(new SealEntry(SealItemKind.Event, time, seq, fingerprints));
                    continue;
                }

                if (kind != (byte)'S')
                {
                    throw new InvalidDataException($"An unknown seal entry kind {kind}.");
                }

                var count = bytes[n++];
                for (var i = 0; i < count; i++, n += 2)
                {
                    if (!fingerprints.TryAdd(table[bytes[n]], Convert.ToHexStringLower(bytes, n + 1, 1)))
                    {
                        throw new InvalidDataException($"A seal entry at {time} names {table[bytes[n]]} twice.");
                    }
                }

                entries.Add(new SealEntry(SealItemKind.Sample, time, 0, fingerprints));
            }

            return entries;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException("Seal entries end in the middle of an entry.", e);
        }
    }
}

/// <summary>One entry: a sample with each reading's fingerprint (hex) by parameter, or an event with its fingerprint.</summary>
public sealed record SealEntry(SealItemKind Kind, long Time, long Seq, IReadOnlyDictionary<string, string> Fingerprints)
{
    /// <summary>The key under which an event's fingerprint is kept in <see cref="Fingerprints"/>.</summary>
    public const string EventFingerprint = "";

    public SealKey Key => new(Kind, Kind == SealItemKind.Sample ? Time : Seq);

    /// <summary>An item as its entry would read.</summary>
    public static SealEntry Of(SealItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.Kind == SealItemKind.Event)
        {
            fingerprints[EventFingerprint] = Convert.ToHexStringLower(item.Fingerprints);
        }
        else
        {
            for (var i = 0; i < item.Parameters.Count; i++)
            {
                fingerprints[item.Parameters[i]] = Convert.ToHexStringLower(item.Fingerprints, i, 1);
            }
        }

        return new SealEntry(item.Kind, item.Time, item.Seq, fingerprints);
    }
}
