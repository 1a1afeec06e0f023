using EnvMonitoring.Cloud.History;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Cloud.Export;

/// <summary>
/// What to export: a station's raw readings of [From, To) for some parameters (null: all the
/// station has) and its compliance report over the local days that cover the range.
/// </summary>
internal sealed record ExportRequest(string Station, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<Parameter>? Parameters)
{
    public static bool TryParse(
        string? station, string? from, string? to, string? parameters, ParameterCatalog catalog, TimeSpan maxRange,
        [NotNullWhen(true)] out ExportRequest? request, out Dictionary<string, string[]> errors)
    {
        request = null;
        errors = [];
        if (!Identifier.IsValid(station))
        {
            errors["station"] = [station is null ? "station is required." : "station must be a station identifier (1-64 of A-Z a-z 0-9 _ . -)."];
        }

        var list = parameters is null ? null : ParameterList.Parse(parameters, "params", catalog, errors);
        var start = TimeArgument.Parse(from, "from", errors);
        var end = TimeArgument.Parse(to, "to", errors);
        if (from is null)
        {
            errors["from"] = ["from is required (RFC 3339)."];
        }

        if (to is null)
        {
            errors["to"] = ["to is required (RFC 3339)."];
        }

        if (start is { } s && end is { } e)
        {
            if (s >= e)
            {
                errors["from"] = ["from must be before to."];
            }
            else if (e - s > maxRange)
            {
                errors["to"] = [$"the range may span at most {maxRange.TotalDays:0} days."];
            }
        }

        if (errors.Count > 0)
        {
            return false;
        }

        request = new ExportRequest(station!, start!.Value, end!.Value, list);
        return true;
    }
}
