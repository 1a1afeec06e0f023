using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace EnvMonitoring.Cloud.Storage;

/// <summary>
/// A line protocol string field's text, as the journals write it: backslash and double quote
/// escaped (the JSON and identifiers they hold have no raw line break).
/// </summary>
internal static class FieldText
{
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny('\\', '"') < 0 ? value : Append(new StringBuilder(value.Length + 16), value.AsSpan()).ToString();
    }

    /// <summary>Appends <paramref name="value"/> escaped, without a string of its own.</summary>
    public static StringBuilder Append(StringBuilder line, ReadOnlySpan<char> value)
    {
        ArgumentNullException.ThrowIfNull(line);
        for (var next = value.IndexOfAny('\\', '"'); next >= 0; next = value.IndexOfAny('\\', '"'))
        {
            line.Append(value[..next]).Append('\\').Append(value[next]);
            value = value[(next + 1)..];
        }

        return line.Append(value);
    }

    /// <summary>
    /// Appends UTF-8 text (a seal's document, tens of kilobytes) escaped, decoded a piece at a time:
    /// no string of the whole text, nor of it escaped, for each seal written.
    /// </summary>
    public static StringBuilder Append(StringBuilder line, ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[1024];
        OperationStatus status;
        do
        {
            status = Utf8.ToUtf16(utf8, chars, out var read, out var written);
            Append(line, chars[..written]);
            utf8 = utf8[read..];
        }
        while (status == OperationStatus.DestinationTooSmall);

        return line;
    }
}
