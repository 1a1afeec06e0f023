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
/// <c>GET /api/reports/compliance?station=&amp;from=2026-03-01&amp;to=2026-04-01&amp;format=json|csv|html&amp;table=means|summary</c>:
/// a station's compliance over whole local days. A station outside the user's parks is 403
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
            .WithSummary("Completeness, exclusions, judged means, exceedances per Decree 45 tier and alert history of a station over local days.");
        return api;
    }

    private static async Task<IResult> GetReportAsync(
        HttpContext context, string? station, string? from, string? to, string? format, string? table,
        StationRegistry stations, ComplianceReportBuilder builder, AuditLog audit, IOptions<HistoryOptions> options, CancellationToken cancellationToken)
    {
        if (!ReportQuery.TryParse(station, from, to, format, options.Value.MaxRange, out var query, out var errors))
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

        audit.Record(context, AuditAction.Report, registered.Park, registered.Station, $"{report.From:O}/{report.To:O}", $"format {query.Format.ToString().ToLowerInvariant()}{(table is null ? "" : $", table {table}")}");
        var name = $"compliance_{report.Station}_{report.From:yyyyMMdd}_{report.To:yyyyMMdd}";
        return query.Format switch
        {
            ReportFormat.Csv => TypedResults.File(
                Encoding.UTF8.GetBytes(table == "summary" ? ReportCsv.Summary(report) : ReportCsv.Means(report)), "text/csv; charset=utf-8", $"{name}_{table ?? "means"}.csv"),
            ReportFormat.Html => TypedResults.Content(ReportHtml.Render(report), "text/html; charset=utf-8"),
            _ => TypedResults.Json(report, ReportJson.Options),
        };
    }

    /// <summary>The signed-in user, recorded in reports and export manifests.</summary>
    public static string UserName(HttpContext context) => context.User.Identity?.Name ?? "anonymous";
}
