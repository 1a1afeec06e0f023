using EnvMonitoring.Cloud.History;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Reports;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Export;

/// <summary>
/// Evidence export: <c>GET /api/export?station=&amp;from=&amp;to=&amp;params=</c> streams the ZIP at
/// once; for large ranges a browser uses a job — <c>POST /api/exports</c> (same arguments as JSON)
/// → 202 with the job, <c>GET /api/exports/{id}</c> → progress, <c>GET /api/exports/{id}/file</c> → the ZIP.
/// A station outside the user's parks is 403 (<see cref="ParkScope"/>), and so is a job of theirs
/// for a station that left their parks since.
/// </summary>
internal static class ExportApi
{
    private const string InvalidRequest = "station, from, to or params is not valid, or the range is too long";

    public static RouteGroupBuilder MapExportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/export", ExportAsync).WithName("GetEvidenceExport").RequireAuthorization(Policies.Inspector).RequireUserRateLimit()
            .WithSummary("A ZIP of raw CSVs per parameter, the compliance report and a manifest with SHA-256 hashes, streamed.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .RefusesInvalid(InvalidRequest)
            .RefusesOutsideParks()
            .RefusesWhenStoreDown();
        api.MapPost("/exports", StartJob).WithName("StartEvidenceExport").RequireAuthorization(Policies.Inspector).RequireUserRateLimit()
            .WithSummary("Starts an export job (the arguments of GET /api/export as JSON); 202 with the job and its address.")
            .Produces<ExportStatus>(StatusCodes.Status202Accepted)
            .RefusesInvalid(InvalidRequest)
            .RefusesOutsideParks()
            .Refuses(StatusCodes.Status429TooManyRequests, "too many exports are running");
        api.MapGet("/exports/{id}", GetJob).WithName("GetEvidenceExportJob").RequireAuthorization(Policies.Inspector)
            .WithSummary("An export job's progress (the caller's own jobs only).")
            .Produces<ExportStatus>()
            .RefusesOutsideParks()
            .Refuses(StatusCodes.Status404NotFound, "no job of the caller's has this id");
        api.MapGet("/exports/{id}/file", GetJobFile).WithName("GetEvidenceExportFile").RequireAuthorization(Policies.Inspector)
            .WithSummary("The ZIP of a completed export job.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .RefusesOutsideParks()
            .Refuses(StatusCodes.Status404NotFound, "no job of the caller's has this id")
            .Refuses(StatusCodes.Status409Conflict, "the job has not completed");
        return api;
    }

    private static async Task ExportAsync(
        HttpContext context, string? station, string? from, string? to, string? @params,
        StationRegistry stations, SampleCodec codec, IOptions<HistoryOptions> options, EvidenceExporter exporter, ILoggerFactory logs)
    {
        if (!ExportRequest.TryParse(station, from, to, @params, codec.Catalog, options.Value.MaxRange, out var request, out var errors))
        {
            await TypedResults.ValidationProblem(errors, title: "The export request is not valid.").ExecuteAsync(context);
            return;
        }

        if (!Allowed(context, request, stations))
        {
            await ParkScope.Forbidden().ExecuteAsync(context);
            return;
        }

        var name = FileName(request);
        await HistoryApi.StreamAsync(context, "application/zip", null, async body =>
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
            await exporter.WriteAsync(body, request, ReportsApi.UserName(context), context.Connection.RemoteIpAddress, null, context.RequestAborted);
        }, logs);
    }

    private static IResult StartJob(HttpContext context, ExportJobRequest body, StationRegistry stations, SampleCodec codec, IOptions<HistoryOptions> options, ExportJobs jobs)
    {
        if (!ExportRequest.TryParse(body.Station, body.From, body.To, body.Params, codec.Catalog, options.Value.MaxRange, out var request, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "The export request is not valid.");
        }

        if (!Allowed(context, request, stations))
        {
            return ParkScope.Forbidden();
        }

        if (jobs.Start(request, ReportsApi.UserName(context), context.Connection.RemoteIpAddress) is not { } job)
        {
            return TypedResults.Problem("Too many exports are running; try again when one has finished.", statusCode: StatusCodes.Status429TooManyRequests, title: "Export queue full.");
        }

        return TypedResults.Accepted($"/api/exports/{job.Id}", job.Status());
    }

    private static IResult GetJob(HttpContext context, string id, StationRegistry stations, ExportJobs jobs)
    {
        if (jobs.Find(id, ReportsApi.UserName(context)) is not { } job)
        {
            return TypedResults.Problem($"No export {id} of yours is known (jobs are kept for a while after they end).", statusCode: StatusCodes.Status404NotFound);
        }

        return Allowed(context, job.Request, stations) ? TypedResults.Ok(job.Status()) : ParkScope.Forbidden();
    }

    private static IResult GetJobFile(HttpContext context, string id, StationRegistry stations, ExportJobs jobs)
    {
        if (jobs.Find(id, ReportsApi.UserName(context)) is not { } job)
        {
            return TypedResults.Problem($"No export {id} of yours is known.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!Allowed(context, job.Request, stations))
        {
            return ParkScope.Forbidden();
        }

        return job.State == ExportState.Completed
            ? TypedResults.PhysicalFile(job.Path, "application/zip", FileName(job.Request))
            : TypedResults.Problem($"Export {id} is {job.Status().State} ({job.Status().Percent} %).", statusCode: StatusCodes.Status409Conflict);
    }

    private static bool Allowed(HttpContext context, ExportRequest request, StationRegistry stations) =>
        ParkScope.Of(context.User).Allows(stations.ParkOf(request.Station));

    private static string FileName(ExportRequest request) =>
        $"evidence_{request.Station}_{ProvinceTime.ToLocal(request.From):yyyyMMddHHmm}_{ProvinceTime.ToLocal(request.To):yyyyMMddHHmm}.zip";
}

/// <summary>The body of <c>POST /api/exports</c>: as the query of <c>GET /api/export</c>.</summary>
public sealed record ExportJobRequest(string? Station, string? From, string? To, string? Params);
