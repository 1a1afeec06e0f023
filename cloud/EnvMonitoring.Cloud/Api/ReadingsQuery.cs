using System.Text;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Cloud.Api;

/// <summary>The validated arguments of <c>GET /api/readings</c>; <see cref="TryParse"/> explains every refusal.</summary>
internal sealed record ReadingsQuery(string Station, Parameter Parameter, DateTimeOffset From, DateTimeOffset To, int Limit)
{
    public const int DefaultLimit = 10_000;
    public const int MaxLimit = 100_000;
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(1);

    public static bool TryParse(
        string? station, string? param, string? from, string? to, string? limit, ParameterCatalog catalog, DateTimeOffset now,
        [NotNullWhen(true)] out ReadingsQuery? query, out Dictionary<string, string[]> errors)
    {
        query = null;
        errors = [];
        if (!Identifier.IsValid(station))
        {
            errors["station"] = [station is null ? "station is required." : "station must be a station identifier (1-64 of A-Z a-z 0-9 _ . -)."];
        }

        Parameter? parameter = null;
        if (param is null || !catalog.TryGet(param.AsSpan(), out parameter))
        {
            errors["param"] = [param is null
                ? "param is required."
                : $"'{param}' is not a catalog parameter; known: {string.Join(", ", catalog.Parameters.Select(p => p.Code))}."];
        }

        var end = ParseTime(to, "to", errors) ?? now;
        var start = ParseTime(from, "from", errors) ?? end - DefaultRange;
        if (start >= end && !errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            errors["from"] = ["from must be before to."];
        }

        var rows = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out rows) || rows is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return false;
        }

        query = new ReadingsQuery(station!, parameter!, start, end, rows);
        return true;
    }

    private static DateTimeOffset? ParseTime(string? text, string name, Dictionary<string, string[]> errors)
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
