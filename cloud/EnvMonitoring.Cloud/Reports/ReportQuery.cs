using System.Globalization;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// The validated arguments of a compliance report: a station and a period of whole local days.
/// <c>from</c>/<c>to</c> are local dates (<c>2026-03-01</c>, to exclusive) or RFC 3339 times,
/// widened to local midnights.
/// </summary>
internal sealed record ReportQuery(string Station, DateTimeOffset From, DateTimeOffset To, ReportFormat Format, ReportLanguage Language)
{
    public static bool TryParse(
        string? station, string? from, string? to, string? format, string? lang, TimeSpan maxRange,
        [NotNullWhen(true)] out ReportQuery? query, out Dictionary<string, string[]> errors)
    {
        query = null;
        errors = [];
        if (!Identifier.IsValid(station))
        {
            errors["station"] = [station is null ? "station is required." : "station must be a station identifier (1-64 of A-Z a-z 0-9 _ . -)."];
        }

        var start = Time(from, "from", errors);
        var end = Time(to, "to", errors);
        var kind = ReportFormat.Json;
        if (format is not null && !Enum.TryParse(format, ignoreCase: true, out kind) || !Enum.IsDefined(kind))
        {
            errors["format"] = ["format must be json, csv, html or pdf."];
        }

        var language = ReportLanguage.Vi;
        if (lang is not null && !(Enum.TryParse(lang, ignoreCase: true, out language) && Enum.IsDefined(language)))
        {
            errors["lang"] = ["lang must be vi (the default) or en."];
        }

        if (start is { } s && end is { } e)
        {
            if (s >= e)
            {
                errors["from"] = ["from must be before to."];
            }
            else if (e - s > maxRange)
            {
                errors["to"] = [$"the period may span at most {maxRange.TotalDays:0} days."];
            }
        }

        if (errors.Count > 0)
        {
            return false;
        }

        query = new ReportQuery(station!, ProvinceTime.StartOfDay(start!.Value), ProvinceTime.CeilingOfDay(end!.Value), kind, language);
        return true;
    }

    private static DateTimeOffset? Time(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            errors[name] = [$"{name} is required: a local date (2026-03-01) or an RFC 3339 time."];
            return null;
        }

        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), ProvinceTime.Offset);
        }

        return TimeArgument.Parse(text, name, errors);
    }
}

internal enum ReportFormat
{
    Json,
    Csv,
    Html,
    Pdf,
}
