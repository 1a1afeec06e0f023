using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Codec;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.History;

/// <summary>
/// <c>GET /api/history?station=&amp;param=COD,TSS&amp;from=&amp;to=&amp;window=raw|1m|15m|1h|1d&amp;fn=mean,min,max,count&amp;format=json|csv</c>:
/// raw readings (with status) or aggregates of valid readings, streamed whatever the range. A
/// station outside the user's parks is 403 (<see cref="ParkScope"/>).
/// </summary>
internal static class HistoryApi
{
    public static RouteGroupBuilder MapHistoryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/history", GetHistoryAsync)
            .WithName("GetHistory")
            .RequireAuthorization(Policies.Inspector)
            .RequireUserRateLimit()
            .WithSummary("Raw or aggregated series of a station's parameters, JSON or streamed CSV; aggregates count valid readings only.")
            .Produces(StatusCodes.Status200OK, null, "application/json", "text/csv")
            .RefusesInvalid("station, param, from, to, window, fn or format is not valid, or the range is too long")
            .RefusesOutsideParks()
            .RefusesWhenStoreDown();
        return api;
    }

    private static async Task GetHistoryAsync(
        HttpContext context, string? station, string? param, string? from, string? to, string? window, string? fn, string? format,
        StationRegistry registry, SampleCodec codec, TimeProvider time, IOptions<HistoryOptions> options, HistoryWriter writer, ILoggerFactory logs)
    {
        if (!HistoryQuery.TryParse(station, param, from, to, window, fn, format, codec.Catalog, time.GetUtcNow(), options.Value.MaxRange, out var query, out var errors))
        {
            await TypedResults.ValidationProblem(errors, title: "The history query is not valid.").ExecuteAsync(context);
            return;
        }

        if (!ParkScope.Of(context.User).Allows(registry.ParkOf(query.Station)))
        {
            await ParkScope.Forbidden().ExecuteAsync(context);
            return;
        }

        await StreamAsync(context, query.Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
            $"{query.Station}_{query.Window.Name()}.{(query.Csv ? "csv" : "json")}",
            body => writer.WriteAsync(body, query, null, context.RequestAborted), logs);
    }

    /// <summary>
    /// Streams a body. A storage failure before anything was sent is a 503 problem; after the first
    /// bytes the connection is aborted, so a client never takes a cut-off file for a whole one.
    /// </summary>
    public static async Task StreamAsync(HttpContext context, string contentType, string? fileName, Func<Stream, Task> write, ILoggerFactory logs)
    {
        context.Response.ContentType = contentType;
        if (fileName is not null && contentType.StartsWith("text/csv", StringComparison.Ordinal))
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        }

        try
        {
            await write(context.Response.Body);
        }
        catch (InfluxException e)
        {
            HistoryLog.StreamFailed(logs.CreateLogger("EnvMonitoring.Cloud.History"), context.Request.Path, context.Response.HasStarted, e);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            context.Response.ContentType = null;
            await TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The time-series store is not available.").ExecuteAsync(context);
        }
    }
}
