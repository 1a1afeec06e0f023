using System.Text;
using EnvMonitoring.Protocol.Codec;

namespace EnvMonitoring.Cloud.Http;

/// <summary>Parses an RFC 3339 query-string argument (with an offset), recording a clear error when it is not one.</summary>
internal static class TimeArgument
{
    public static DateTimeOffset? Parse(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        // An unencoded '+' in a query string arrives as a space: 13:05:00+07:00 becomes "13:05:00 07:00".
        if (text.Length > 19 && text[^6] == ' ')
        {
            text = string.Concat(text.AsSpan(0, text.Length - 6), "+", text.AsSpan(text.Length - 5));
        }

        if (text.Length > 64)
        {
            errors[name] = [$"{name} is too long to be a time."];
            return null;
        }

        var result = MeasurementTime.TryParseRfc3339(Encoding.UTF8.GetBytes(text), out var value);
        if (result == MeasurementTime.ParseResult.Ok)
        {
            return value;
        }

        errors[name] = [result == MeasurementTime.ParseResult.MissingOffset
            ? $"{name} needs a UTC offset, e.g. 2026-11-28T13:05:00+07:00."
            : $"{name} must be an RFC 3339 time such as 2026-11-28T13:05:00+07:00."];
        return null;
    }
}
