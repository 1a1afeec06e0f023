using System.Buffers;
using System.Globalization;
using System.Text;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Cloud.Storage;

/// <summary>
/// Encodes samples as InfluxDB line protocol (millisecond precision) straight into a buffer writer,
/// without allocating. Tag values and field keys are escaped, and characters that line protocol
/// cannot escape (line breaks) are refused, so no input can inject a field or a line.
/// </summary>
internal static class LineProtocol
{
    private const int MaxNumberChars = 32;

    public static void WriteSample(IBufferWriter<byte> output, string park, Sample sample)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sample);
        var readings = sample.Readings;
        // Worst case: every escaped character doubles; numbers need at most 32 bytes.
        var maxLength = SampleSchema.Measurement.Length + 16 + (2 * (park.Length + sample.Station.Length)) +
                        (readings.Count * ((2 * 32) + SampleSchema.StatusSuffix.Length + (2 * MaxNumberChars) + 8)) + 64;
        var span = output.GetSpan(maxLength);
        var n = 0;
        n += Ascii(span[n..], SampleSchema.Measurement);
        span[n++] = (byte)',';
        n += Ascii(span[n..], SampleSchema.ParkTag);
        span[n++] = (byte)'=';
        n += Escaped(span[n..], park);
        span[n++] = (byte)',';
        n += Ascii(span[n..], SampleSchema.StationTag);
        span[n++] = (byte)'=';
        n += Escaped(span[n..], sample.Station);
        span[n++] = (byte)' ';

        // An index loop: foreach over IReadOnlyList would box its enumerator on every sample.
        for (var i = 0; i < readings.Count; i++)
        {
            var reading = readings[i];
            if (i > 0)
            {
                span[n++] = (byte)',';
            }

            n += Escaped(span[n..], reading.Parameter.Code);
            span[n++] = (byte)'=';
            n += Float(span[n..], reading.Value);
            if (reading.Status != DeviceStatus.Measuring)
            {
                span[n++] = (byte)',';
                n += Escaped(span[n..], reading.Parameter.Code);
                n += Ascii(span[n..], SampleSchema.StatusSuffix);
                span[n++] = (byte)'=';
                n += Integer(span[n..], (int)reading.Status);
            }
        }

        if (sample.Seq is { } seq)
        {
            span[n++] = (byte)',';
            n += Ascii(span[n..], SampleSchema.SeqField);
            span[n++] = (byte)'=';
            n += Integer(span[n..], seq);
        }

        span[n++] = (byte)' ';
        sample.Timestamp.ToUnixTimeMilliseconds().TryFormat(span[n..], out var written, provider: CultureInfo.InvariantCulture);
        n += written;
        span[n++] = (byte)'\n';
        output.Advance(n);
    }

    private static int Ascii(Span<byte> destination, string text) => Encoding.ASCII.GetBytes(text, destination);

    /// <summary>Escapes a tag value or field key: comma, equals sign and space take a backslash.</summary>
    private static int Escaped(Span<byte> destination, string text)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\\' || c > 0x7F)
            {
                // Identifiers and catalog codes are ASCII without these; anything else is a bug upstream.
                throw new ArgumentException($"'{text}' cannot be written as a line-protocol key or tag value.", nameof(text));
            }

            if (c is ',' or '=' or ' ')
            {
                destination[n++] = (byte)'\\';
            }

            destination[n++] = (byte)c;
        }

        return n;
    }

    private static int Float(Span<byte> destination, double value)
    {
        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    private static int Integer(Span<byte> destination, long value)
    {
        value.TryFormat(destination, out var written, provider: CultureInfo.InvariantCulture);
        destination[written] = (byte)'i';
        return written + 1;
    }
}
