using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// The canonical encoding of what is sealed (docs/evidence.md, "Canonical records"): one ASCII line per
/// reading, <c>R\t{station}\t{unix ms}\t{parameter}\t{value}\t{status}\n</c> with the value as the 16
/// hex digits of its IEEE-754 binary64 bits, a sample's lines in ordinal order of parameter code; one
/// line per alert event, <c>E\t{station}\t{unix ms}\t{seq}\t{json}\n</c> with the event's stored JSON.
/// An item's digest is the SHA-256 of its lines. Reuses its buffers: one encoder per thread.
/// </summary>
public sealed class SealEncoder
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _entry = new();
    private byte[] _line = new byte[256];
    private SealReading[] _sorted = new SealReading[16];

    /// <summary>The sealed item for a station's sample: its readings in any order, each parameter once.</summary>
    public SealItem Sample(string station, long milliseconds, IReadOnlyList<SealReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (_sorted.Length < readings.Count)
        {
            _sorted = new SealReading[readings.Count * 2];
        }

        for (var i = 0; i < readings.Count; i++)
        {
            _sorted[i] = readings[i];
        }

        return Sample(station, milliseconds, _sorted.AsSpan(0, readings.Count));
    }

    /// <summary>The same, for readings in a buffer of the caller's that may be reordered.</summary>
    public SealItem Sample(string station, long milliseconds, Span<SealReading> sorted)
    {
        ArgumentNullException.ThrowIfNull(station);
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Parameter, b.Parameter));
        _entry.Clear().Append("s ").Append(milliseconds.ToString(CultureInfo.InvariantCulture));
        foreach (var reading in sorted)
        {
            var line = ReadingLine(station, milliseconds, reading);
            _sha.AppendData(line);
            _entry.Append(' ').Append(reading.Parameter).Append(':');
            AppendFingerprint(_entry, line);
        }

        return new SealItem(SealItemKind.Sample, milliseconds, 0, _sha.GetHashAndReset(), _entry.ToString(), sorted.Length);
    }

    /// <summary>The sealed item for an alert event: its sequence number and the JSON it is stored as.</summary>
    public SealItem Event(string station, long milliseconds, long seq, string json)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(json);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(EventLine(station, milliseconds, seq, json)));
        return new SealItem(SealItemKind.Event, milliseconds, seq, digest, string.Create(CultureInfo.InvariantCulture, $"e {milliseconds} {seq} {Convert.ToHexStringLower(digest.AsSpan(0, 4))}"));
    }

    /// <summary>The record line of one alert event, with its line feed.</summary>
    public static string EventLine(string station, long milliseconds, long seq, string json) =>
        string.Create(CultureInfo.InvariantCulture, $"E\t{station}\t{milliseconds}\t{seq}\t{json}\n");

    /// <summary>The record line of one reading (valid until the next call).</summary>
    public ReadOnlySpan<byte> ReadingLine(string station, long milliseconds, SealReading reading)
    {
        ArgumentNullException.ThrowIfNull(station);
        var needed = station.Length + reading.Parameter.Length + 64;
        if (_line.Length < needed)
        {
            _line = new byte[needed * 2];
        }

        var span = _line.AsSpan();
        var n = 0;
        span[n++] = (byte)'R';
        span[n++] = (byte)'\t';
        n += Encoding.ASCII.GetBytes(station, span[n..]);
        span[n++] = (byte)'\t';
        milliseconds.TryFormat(span[n..], out var written, default, CultureInfo.InvariantCulture);
        n += written;
        span[n++] = (byte)'\t';
        n += Encoding.ASCII.GetBytes(reading.Parameter, span[n..]);
        span[n++] = (byte)'\t';
        BitConverter.DoubleToUInt64Bits(reading.Value).TryFormat(span[n..], out written, "x16", CultureInfo.InvariantCulture);
        n += written;
        span[n++] = (byte)'\t';
        reading.Status.TryFormat(span[n..], out written, default, CultureInfo.InvariantCulture);
        n += written;
        span[n++] = (byte)'\n';
        return span[..n];
    }

    /// <summary>
    /// Four hex digits that locate a changed reading: the top 16 bits of the line's XXH3-64 (seed 0).
    /// Not a proof (the chain is): a reading changed to one with the same fingerprint is still found, only not named.
    /// </summary>
    public static string Fingerprint(ReadOnlySpan<byte> line) => AppendFingerprint(new StringBuilder(4), line).ToString();

    private static StringBuilder AppendFingerprint(StringBuilder text, ReadOnlySpan<byte> line)
    {
        var top = (int)(XxHash3.HashToUInt64(line) >> 48);
        Span<char> hex = stackalloc char[4];
        top.TryFormat(hex, out _, "x4", CultureInfo.InvariantCulture);
        return text.Append(hex);
    }
}
