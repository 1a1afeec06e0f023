using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EnvMonitoring.Protocol.Status;

/// <summary>How every status payload is written and read: one small JSON object, a size limit, the contract's characters.</summary>
internal static class StatusJson
{
    /// <summary>Status payloads are a few hundred bytes at most; anything much larger is not one.</summary>
    public const int MaxPayloadBytes = 1024;

    // Written as the contract shows them: a '+' in an offset or a version stays '+', not \u002B.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One JSON object whose fields <paramref name="fields"/> writes.</summary>
    public static byte[] Write(int sizeHint, Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(sizeHint);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads one JSON object no larger than <see cref="MaxPayloadBytes"/> and hands it to
    /// <paramref name="read"/>, which returns null for a payload that is not a status.
    /// </summary>
    public static bool TryRead<T>(ReadOnlySpan<byte> utf8, Func<JsonElement, T?> read, [NotNullWhen(true)] out T? value)
        where T : class
    {
        value = null;
        if (utf8.Length > MaxPayloadBytes)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            value = document.RootElement.ValueKind == JsonValueKind.Object ? read(document.RootElement) : null;
            return value is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
