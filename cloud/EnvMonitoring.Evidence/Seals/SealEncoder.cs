using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// The canonical records of what is sealed (docs/evidence.md, "Canonical records"), binary and
/// big-endian, one per item:
/// <list type="bullet">
/// <item>a sample: <c>'S'</c>, station (1-byte length, ASCII), measured time (int64 ms), reading count (1 byte),
/// then per reading in ordinal order of parameter code: code (1-byte length, ASCII), value (IEEE-754
/// binary64), status (1 byte);</item>
/// <item>an alert event: <c>'E'</c>, station, time the engine saw it (int64 ms), sequence (int64), the stored JSON (int32 length, UTF-8).</item>
/// </list>
/// Fingerprints are taken from the records (<see cref="SealItem.Fingerprints"/>). The text lines of <see cref="ReadingLine"/> and
/// <see cref="EventLine"/> carry the same fields for people and exports. Reuses a buffer: one encoder per thread.
/// </summary>
public sealed class SealEncoder
{
    private byte[] _line = new byte[256];

    /// <summary>The sealed item for a station's sample: its readings in any order, each parameter once.</summary>
    public static SealItem Sample(string station, long milliseconds, IReadOnlyList<SealReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        return Sample(station, milliseconds, readings.ToArray().AsSpan());
    }

    /// <summary>The same, for readings in a buffer of the caller's that may be reordered.</summary>
    public static SealItem Sample(string station, long milliseconds, Span<SealReading> sorted)
    {
        var record = new byte[SampleSize(station, sorted)];
        WriteSample(record, station, milliseconds, sorted);
        return new SealItem(SealItemKind.Sample, milliseconds, 0, record);
    }

    /// <summary>The bytes a sample's record takes.</summary>
    public static int SampleSize(string station, ReadOnlySpan<SealReading> readings)
    {
        ArgumentNullException.ThrowIfNull(station);
        if (readings.Length > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(readings), "A sample holds at most 255 readings.");
        }

        var size = 1 + 1 + station.Length + 8 + 1;
        foreach (var reading in readings)
        {
            size += 1 + reading.Parameter.Length + 8 + 1;
        }

        return size;
    }

    /// <summary>Writes a sample's record (its readings sorted here) into <paramref name="destination"/>, <see cref="SampleSize"/> bytes; returns that size.</summary>
    public static int WriteSample(Span<byte> destination, string station, long milliseconds, Span<SealReading> readings)
    {
        SortByCode(readings);
        destination[0] = (byte)'S';
        var n = 1 + Name(destination[1..], station);
        BinaryPrimitives.WriteInt64BigEndian(destination[n..], milliseconds);
        n += 8;
        destination[n++] = (byte)readings.Length;
        foreach (var reading in readings)
        {
            n += Name(destination[n..], reading.Parameter);
            BinaryPrimitives.WriteInt64BigEndian(destination[n..], BitConverter.DoubleToInt64Bits(reading.Value));
            n += 8;
            destination[n++] = checked((byte)reading.Status);
        }

        return n;
    }

    /// <summary>The sealed item for an alert event: its sequence number and the JSON it is stored as.</summary>
    public static SealItem Event(string station, long milliseconds, long seq, string json)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(json);
        var text = Encoding.UTF8.GetByteCount(json);
        var record = new byte[1 + 1 + station.Length + 8 + 8 + 4 + text];
        var span = record.AsSpan();
        span[0] = (byte)'E';
        var n = 1 + Name(span[1..], station);
        BinaryPrimitives.WriteInt64BigEndian(span[n..], milliseconds);
        BinaryPrimitives.WriteInt64BigEndian(span[(n + 8)..], seq);
        BinaryPrimitives.WriteInt32BigEndian(span[(n + 16)..], text);
        Encoding.UTF8.GetBytes(json, span[(n + 20)..]);
        return new SealItem(SealItemKind.Event, milliseconds, seq, record);
    }

    /// <summary>The text line of one alert event, with its line feed (exports; the same fields as its record).</summary>
    public static string EventLine(string station, long milliseconds, long seq, string json) =>
        string.Create(CultureInfo.InvariantCulture, $"E\t{station}\t{milliseconds}\t{seq}\t{json}\n");

    /// <summary>The text line of one reading, <c>R\t{station}\t{ms}\t{code}\t{value bits, 16 hex}\t{status}\n</c> (valid until the next call).</summary>
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
    /// Puts readings in ordinal order of their codes: an insertion sort, since a sample holds a handful
    /// of readings, and a station's usually come in the same order every time (one pass when already sorted).
    /// </summary>
    private static void SortByCode(Span<SealReading> readings)
    {
        for (var i = 1; i < readings.Length; i++)
        {
            var reading = readings[i];
            var j = i - 1;
            for (; j >= 0 && string.CompareOrdinal(readings[j].Parameter, reading.Parameter) > 0; j--)
            {
                readings[j + 1] = readings[j];
            }

            readings[j + 1] = reading;
        }
    }

    /// <summary>A 1-byte length then the ASCII identifier (station and parameter codes are short ASCII identifiers).</summary>
    private static int Name(Span<byte> destination, string name)
    {
        destination[0] = checked((byte)name.Length);
        return Ascii.FromUtf16(name, destination.Slice(1, name.Length), out var written) == OperationStatus.Done
            ? 1 + written
            : throw new ArgumentException($"'{name}' is not an ASCII identifier.", nameof(name));
    }
}
