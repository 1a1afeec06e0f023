using System.Globalization;
using System.Text.Json;
using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Protocol.Commands;

/// <summary>
/// A calibration command, payload of <c>envmon/{park}/{station}/cmd/calibration</c>:
/// <c>{"active":true,"parameters":["pH","COD"],"minutes":30}</c>, or with an absolute
/// <c>"until":"2026-11-28T15:00:00+07:00"</c> (the form to use for a retained command), or
/// <c>{"active":false}</c> to end it. No <c>parameters</c> means every channel of the station.
/// Part of the wire contract (the topic is <see cref="Topics.Topics.CalibrationCommand"/>); how long a
/// command may last is the receiving node's setting, hence the bounds passed to <see cref="EndsAt"/>;
/// <see cref="MaxMinutes"/> is the default of that setting and what the cloud lets an operator ask for.
/// </summary>
public sealed record CalibrationCommand(bool Active, IReadOnlyList<string> Parameters, double? Minutes, DateTimeOffset? Until)
{
    public const int MaxPayloadBytes = 4096;

    /// <summary>
    /// The longest calibration window, in minutes (8 h): a node's default <c>Calibration:MaxDuration</c>
    /// and the most the cloud sends, so a forgotten window cannot void a day of data.
    /// </summary>
    public const int MaxMinutes = 480;

    /// <summary>The payload: <c>active</c>, then <c>parameters</c>, <c>minutes</c> and <c>until</c> (province time) when set.</summary>
    public byte[] ToUtf8()
    {
        using var buffer = new MemoryStream();
        // Relaxed: the time's "+07:00" stays readable (codes and times hold nothing to escape for HTML).
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("active", Active);
            if (Parameters.Count > 0)
            {
                writer.WriteStartArray("parameters");
                foreach (var parameter in Parameters)
                {
                    writer.WriteStringValue(parameter);
                }

                writer.WriteEndArray();
            }

            if (Minutes is { } minutes)
            {
                writer.WriteNumber("minutes", minutes);
            }

            if (Until is { } until)
            {
                writer.WriteString("until", Time.ProvinceTime.ToLocal(until).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>When the calibration ends, bounded by <paramref name="max"/> from receipt.</summary>
    public DateTimeOffset EndsAt(DateTimeOffset received, TimeSpan defaultDuration, TimeSpan max)
    {
        var end = Until ?? received + (Minutes is { } minutes ? TimeSpan.FromMinutes(minutes) : defaultDuration);
        return end > received + max ? received + max : end;
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8, ParameterCatalog catalog, out CalibrationCommand? command, out string problem)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        command = null;
        if (utf8.Length > MaxPayloadBytes)
        {
            problem = $"payload larger than {MaxPayloadBytes} bytes";
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("active", out var active) || active.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problem = "expected an object with \"active\": true or false";
                return false;
            }

            var parameters = new List<string>();
            if (root.TryGetProperty("parameters", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String))
                {
                    problem = "\"parameters\" must be an array of parameter codes";
                    return false;
                }

                parameters.AddRange(list.EnumerateArray().Select(p => p.GetString()!));
                if (parameters.FirstOrDefault(p => !catalog.TryGet(p, out _)) is { } unknown)
                {
                    problem = $"'{unknown}' is not in the parameter catalog";
                    return false;
                }
            }

            double? minutes = null;
            if (root.TryGetProperty("minutes", out var m))
            {
                if (m.ValueKind != JsonValueKind.Number || !(m.GetDouble() > 0))
                {
                    problem = "\"minutes\" must be a positive number";
                    return false;
                }

                minutes = m.GetDouble();
            }

            DateTimeOffset? until = null;
            if (root.TryGetProperty("until", out var u))
            {
                if (u.ValueKind != JsonValueKind.String || !TryParseInstant(u.GetString()!, out var instant))
                {
                    problem = "\"until\" must be an RFC 3339 time with an offset";
                    return false;
                }

                until = instant;
            }

            command = new CalibrationCommand(active.GetBoolean(), parameters, minutes, until);
            problem = "";
            return true;
        }
        catch (JsonException e)
        {
            problem = $"not JSON: {e.Message}";
            return false;
        }
    }

    private static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        // Without an offset the instant would be a guess about the sender's time zone.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        instant = default;
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }
}
