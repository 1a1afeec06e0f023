using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// A seal's entry list (docs/evidence.md): one line per item in chain order, <c>s {ms} {parameter}:{fp} …</c>
/// for a sample (a fingerprint per reading) or <c>e {ms} {seq} {fp}</c> for an event (the first 8 hex digits of its digest); the lines, each ending in
/// a line feed, gzip-compressed and base64-encoded (<c>base64 -d | gunzip</c> reads them).
/// </summary>
public static class SealEntries
{
    public static string Pack(IEnumerable<SealItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (var item in items)
            {
                writer.WriteLine(item.Entry);
            }
        }

        return Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The entries of a seal, in its order.</summary>
    public static List<SealEntry> Unpack(string packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(packed)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var entries = new List<SealEntry>();
        while (reader.ReadLine() is { } line)
        {
            entries.Add(SealEntry.Parse(line));
        }

        return entries;
    }
}

/// <summary>One parsed entry: a sample with each reading's fingerprint, or an event.</summary>
public sealed record SealEntry(SealItemKind Kind, long Time, long Seq, IReadOnlyDictionary<string, string> Fingerprints)
{
    /// <summary>The key under which an event's fingerprint is kept in <see cref="Fingerprints"/>.</summary>
    public const string EventFingerprint = "";

    public SealKey Key => new(Kind, Kind == SealItemKind.Sample ? Time : Seq);

    public static SealEntry Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(' ');
        var time = parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var t)
            ? t
            : throw new InvalidDataException($"A seal entry without a time: '{line}'.");
        switch (parts[0])
        {
            case "s":
                var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var reading in parts.AsSpan(2))
                {
                    var colon = reading.LastIndexOf(':');
                    if (colon <= 0 || !fingerprints.TryAdd(reading[..colon], reading[(colon + 1)..]))
                    {
                        throw new InvalidDataException($"A seal entry with a malformed or repeated reading: '{line}'.");
                    }
                }

                return new SealEntry(SealItemKind.Sample, time, 0, fingerprints);
            case "e" when parts.Length == 4 && long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seq):
                return new SealEntry(SealItemKind.Event, time, seq, new Dictionary<string, string>(StringComparer.Ordinal) { [EventFingerprint] = parts[3] });
            default:
                throw new InvalidDataException($"An unknown seal entry: '{line}'.");
        }
    }
}
