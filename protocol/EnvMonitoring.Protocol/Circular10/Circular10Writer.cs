using System.Globalization;
using System.Text;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Circular10;

/// <summary>
/// Writes samples as a Circular 10/2021 file body, so the platform can feed the national system the
/// way stations feed it: one line per reading, <c>code value unit yyyyMMddHHmmss status</c>, tab
/// separated, local time (UTC+7), CRLF line ends (the receivers are mostly Windows software), ASCII
/// units (<c>m3/h</c>, <c>oC</c>). Names are catalog codes unless the receiver names a parameter
/// otherwise, so <see cref="Circular10Parser"/> reads the output back without a mapping (or with the
/// receiver's names mapped back). Times are written to the second. The cloud's upward relay writes
/// with it (docs/relay.md).
/// </summary>
public static class Circular10Writer
{
    private const string Separator = "\t";
    private const string LineEnd = "\r\n";

    /// <summary>The body for <paramref name="samples"/>, which must all be of one station.</summary>
    public static string Write(IEnumerable<Sample> samples) => Write(samples, names: null);

    /// <summary>
    /// The body for <paramref name="samples"/>, which must all be of one station, each parameter under
    /// the receiver's name in <paramref name="names"/> (catalog code → name), its code where it has none.
    /// </summary>
    public static string Write(IEnumerable<Sample> samples, IReadOnlyDictionary<string, string>? names)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var text = new StringBuilder();
        string? station = null;
        foreach (var sample in samples)
        {
            ArgumentNullException.ThrowIfNull(sample, nameof(samples));
            station ??= sample.Station;
            if (sample.Station != station)
            {
                throw new ArgumentException($"A Circular 10 file holds one station; got '{station}' and '{sample.Station}'.", nameof(samples));
            }

            var timestamp = Circular10Time.ToText(sample.Timestamp);
            foreach (var reading in sample.Readings)
            {
                var name = names is not null && names.TryGetValue(reading.Parameter.Code, out var named) ? named : reading.Parameter.Code;
                text.Append(name).Append(Separator)
                    .Append(FormatValue(reading.Value)).Append(Separator)
                    .Append(AsciiUnit(reading.Parameter.Unit)).Append(Separator)
                    .Append(timestamp).Append(Separator)
                    .Append(Circular10Status.ToText(reading.Status)).Append(LineEnd);
            }
        }

        return text.ToString();
    }

    /// <summary>The body as UTF-8 bytes, without a byte order mark.</summary>
    public static byte[] Encode(IEnumerable<Sample> samples) => Encoding.UTF8.GetBytes(Write(samples));

    /// <summary>The body as UTF-8 bytes, without a byte order mark, under the receiver's <paramref name="names"/>.</summary>
    public static byte[] Encode(IEnumerable<Sample> samples, IReadOnlyDictionary<string, string>? names) => Encoding.UTF8.GetBytes(Write(samples, names));

    /// <summary>
    /// The shortest text that reads back as exactly <paramref name="value"/>, in plain decimal
    /// notation (<c>0.00000015</c>, not <c>1.5E-07</c>): receivers are not known to read exponents.
    /// </summary>
    internal static string FormatValue(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return text;
        }

        // Move the decimal point of the shortest round-trip digits by the exponent.
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = text[..e];
        var sign = mantissa.StartsWith('-') ? "-" : "";
        mantissa = mantissa.TrimStart('-');
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var integerDigits = (point < 0 ? mantissa.Length : point) + exponent;
        var plain = integerDigits <= 0
            ? "0." + new string('0', -integerDigits) + digits
            : integerDigits >= digits.Length
                ? digits + new string('0', integerDigits - digits.Length)
                : digits[..integerDigits] + "." + digits[integerDigits..];
        return sign + plain;
    }

    private static string AsciiUnit(string unit) => unit.Replace("°C", "oC", StringComparison.Ordinal).Replace('³', '3');
}
