using System.Text;
using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// <c>GET /api/reports/compliance?station=&amp;from=2026-03-01&amp;to=2026-04-01&amp;format=json|csv|html|pdf&amp;table=means|summary&amp;lang=vi|en</c>:
/// a station's compliance over whole local days; every format carries the report's SHA-256 in
/// <see cref="ReportDigest.Header"/>. A station outside the user's parks is 403
/// (<see cref="ParkScope"/>), whether it exists or not; for all-parks users an unknown station is 404.
/// </summary>
internal static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/compliance", GetReportAsync)
            .WithName("GetComplianceReport")
            .RequireAuthorization(Policies.Inspector)
            .RequireUserRateLimit()
            .WithSummary("Completeness, exclusions, judged means, exceedances per Decree 45 tier and alert history of a station over local days.")
            .Produces(StatusCodes.Status200OK, null, "application/json", "text/csv", "text/html", "application/pdf")
            .RefusesInvalid("station, from, to, format, table or lang is not valid, or the range is too long")
            .RefusesOutsideParks()
            .Refuses(StatusCodes.Status404NotFound, "the station is not registered")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "the time-series store (InfluxDB) is not available, or the PDF's font is missing");
        return api;
    }

    private static async Task<IResult> GetReportAsync(
        HttpContext context, string? station, string? from, string? to, string? format, string? table, string? lang,
        StationRegistry stations, ComplianceReportBuilder builder, AuditLog audit, IOptions<HistoryOptions> options, IOptions<ReportOptions> reportOptions, CancellationToken cancellationToken)
    {
        if (!ReportQuery.TryParse(station, from, to, format, lang, options.Value.MaxRange, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "The report query is not valid.");
        }

        if (table is not (null or "means" or "summary"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["table"] = ["table must be means or summary."] }, title: "The report query is not valid.");
        }

        if (!ParkScope.Of(context.User).Allows(stations.ParkOf(query.Station)))
        {
            return ParkScope.Forbidden();
        }

        if (!stations.TryGet(query.Station, out var registered))
        {
            return TypedResults.Problem($"Station {query.Station} is not registered.", statusCode: StatusCodes.Status404NotFound, title: "Unknown station.");
        }

        ComplianceReport report;
        try
        {
            report = await builder.BuildAsync(registered, query.From, query.To, UserName(context), cancellationToken);
        }
        catch (InfluxException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The time-series store is not available.");
        }

        var sha256 = ReportDigest.Of(report);
        byte[]? pdf = null;
        if (query.Format == ReportFormat.Pdf)
        {
            try
            {
                pdf = ReportPdf.Render(Document(report, query.Language, sha256, reportOptions.Value), reportOptions.Value);
            }
            catch (ReportFontException e)
            {
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The PDF font is missing.");
            }
        }

        audit.Record(context, AuditAction.Report, registered.Park, registered.Station, $"{report.From:O}/{report.To:O}", $"format {query.Format.ToString().ToLowerInvariant()}{(table is null ? "" : $", table {table}")}, sha256 {sha256}");
        context.Response.Headers[ReportDigest.Header] = sha256;
        var name = $"compliance_{report.Station}_{report.From:yyyyMMdd}_{report.To:yyyyMMdd}";
        return query.Format switch
        {
            ReportFormat.Csv => TypedResults.File(
                Encoding.UTF8.GetBytes(table == "summary" ? ReportCsv.Summary(report) : ReportCsv.Means(report)), "text/csv; charset=utf-8", $"{name}_{table ?? "means"}.csv"),
            ReportFormat.Html => TypedResults.Content(ReportHtml.Render(Document(report, query.Language, sha256, reportOptions.Value)), "text/html; charset=utf-8"),
            ReportFormat.Pdf => TypedResults.File(pdf!, "application/pdf", $"{name}.pdf"),
            _ => TypedResults.Json(report, ReportJson.Options),
        };
    }

    /// <summary>The printed document of a report, the one model of its HTML page and its PDF.</summary>
    public static ReportDocument Document(ComplianceReport report, ReportLanguage language, string sha256, ReportOptions options) =>
        ReportDocumentBuilder.Build(report, ReportTexts.For(language), sha256, options.Place);

    /// <summary>The signed-in user, recorded in reports and export manifests.</summary>
    public static string UserName(HttpContext context) => context.User.Identity?.Name ?? "anonymous";
}
