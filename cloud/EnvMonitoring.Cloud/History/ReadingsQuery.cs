using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Cloud.History;

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

        var end = TimeArgument.Parse(to, "to", errors) ?? now;
        var start = TimeArgument.Parse(from, "from", errors) ?? end - DefaultRange;
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
}
