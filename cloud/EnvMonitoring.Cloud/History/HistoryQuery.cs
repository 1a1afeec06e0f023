using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Cloud.History;

/// <summary>
/// The validated arguments of <c>GET /api/history</c>. Aggregated windows widen [from, to) to
/// whole windows (from down, to up), so every window is complete and local days start at midnight.
/// </summary>
internal sealed record HistoryQuery(
    string Station, IReadOnlyList<Parameter> Parameters, DateTimeOffset From, DateTimeOffset To,
    HistoryWindow Window, HistoryFunctions Functions, bool Csv)
{
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(1);

    public static bool TryParse(
        string? station, string? param, string? from, string? to, string? window, string? fn, string? format,
        ParameterCatalog catalog, DateTimeOffset now, TimeSpan maxRange,
        [NotNullWhen(true)] out HistoryQuery? query, out Dictionary<string, string[]> errors)
    {
        query = null;
        errors = [];
        if (!Identifier.IsValid(station))
        {
            errors["station"] = [station is null ? "station is required." : "station must be a station identifier (1-64 of A-Z a-z 0-9 _ . -)."];
        }

        var parameters = ParameterList.Parse(param, "param", catalog, errors);
        var kind = HistoryWindow.Raw;
        if (window is not null && !HistoryWindows.ByName.TryGetValue(window, out kind))
        {
            errors["window"] = [$"window must be one of {string.Join(", ", HistoryWindows.ByName.Keys)}."];
        }

        var functions = HistoryFunctions.None;
        foreach (var name in (fn ?? "mean").Split(',', StringSplitOptions.TrimEntries))
        {
            var match = HistoryFunctionNames.All.FirstOrDefault(f => f.Name == name);
            if (match.Name is null)
            {
                errors["fn"] = [$"fn must be a comma-separated list of {string.Join(", ", HistoryFunctionNames.All.Select(f => f.Name))}."];
                break;
            }

            functions |= match.Function;
        }

        if (format is not (null or "json" or "csv"))
        {
            errors["format"] = ["format must be json or csv."];
        }

        var end = TimeArgument.Parse(to, "to", errors) ?? now;
        var start = TimeArgument.Parse(from, "from", errors) ?? end - DefaultRange;
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (start >= end)
            {
                errors["from"] = ["from must be before to."];
            }
            else if (end - start > maxRange)
            {
                errors["to"] = [$"the range may span at most {maxRange.TotalDays:0} days."];
            }
        }

        if (errors.Count > 0)
        {
            return false;
        }

        if (kind != HistoryWindow.Raw)
        {
            (start, end) = (kind.Floor(start), kind.Ceiling(end));
        }

        query = new HistoryQuery(station!, parameters!, start, end, kind, functions, format == "csv");
        return true;
    }
}
