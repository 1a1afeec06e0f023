using System.Globalization;
using System.Threading.RateLimiting;
using EnvMonitoring.Cloud.History;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Protocol.Time;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.OpenData;

/// <summary>
/// <c>GET /api/public/stations/{station}/hourly</c> (JSON) and <c>…/board</c> (a page for a
/// factory-gate display): no sign-in, rate-limited per client IP (429 with Retry-After).
/// </summary>
internal static class OpenDataApi
{
    public const string RateLimitPolicy = "open-data";

    public static IServiceCollection AddOpenDataRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<OpenDataOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitsPerWindow, Window = options.Window, QueueLimit = 0 });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem("Too many requests from this address; wait for the time in Retry-After.", statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit reached.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    public static RouteGroupBuilder MapOpenDataApi(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("/public").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        open.MapGet("/stations/{station}/hourly", GetHourlyAsync).WithName("GetPublicHourly")
            .WithSummary("Hourly means of valid readings of the last 30 days; open data (Decree 08/2022 Art. 102).")
            .Produces<PublicHourly>()
            .Refuses(StatusCodes.Status400BadRequest, "station is not a station identifier")
            .Refuses(StatusCodes.Status404NotFound, "the station is not registered")
            .RefusesWhenStoreDown();
        open.MapGet("/stations/{station}/board", (string station) => Identifier.IsValid(station)
            ? TypedResults.Content(DisplayBoard.Html(station), "text/html; charset=utf-8")
            : Results.Problem("Not a station identifier.", statusCode: StatusCodes.Status400BadRequest)).WithName("GetPublicBoard")
            .WithSummary("A page for a factory-gate display showing the station's hourly means (it reads the hourly endpoint).")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .Refuses(StatusCodes.Status400BadRequest, "station is not a station identifier");
        return api;
    }

    private static async Task<IResult> GetHourlyAsync(
        HttpContext context, string station, StationRegistry stations, StoredStations stored, HistorySeries series,
        SampleCodec codec, TimeProvider time, IOptions<OpenDataOptions> options, CancellationToken cancellationToken)
    {
        if (!Identifier.IsValid(station))
        {
            return TypedResults.Problem("station must be a station identifier (1-64 of A-Z a-z 0-9 _ . -).", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!stations.TryGet(station, out var registered))
        {
            return TypedResults.Problem($"Station {station} is not registered.", statusCode: StatusCodes.Status404NotFound, title: "Unknown station.");
        }

        var to = ProvinceTime.StartOfHour(time.GetUtcNow());
        var from = to.AddDays(-options.Value.Days);
        try
        {
            var parameters = registered.Profile.Monitored.Count > 0 ? registered.Profile.Monitored.ToList() : await stored.ParametersAsync(codec.Catalog, cancellationToken);
            var hours = new List<PublicHour>();
            await foreach (var row in series.ReadAsync(station, parameters, HistoryWindow.Hour, from, to, cancellationToken))
            {
                var means = new Dictionary<string, double>(StringComparer.Ordinal);
                for (var p = 0; p < parameters.Count; p++)
                {
                    if (row.Stats[p].Mean is { } mean)
                    {
                        means[parameters[p].Code] = Math.Round(mean, 3);
                    }
                }

                if (means.Count > 0)
                {
                    hours.Add(new PublicHour(row.Start.ToOffset(ProvinceTime.Offset), means));
                }
            }

            context.Response.Headers.CacheControl = "public, max-age=60";
            return TypedResults.Ok(new PublicHourly(
                station, registered.Name, from.ToOffset(ProvinceTime.Offset), to.ToOffset(ProvinceTime.Offset),
                parameters.Select(p => registered.Profile.LimitFor(p) is { } l
                    ? new PublicParameter(p.Code, p.Name, p.Unit, l.Min, l.Max)
                    : new PublicParameter(p.Code, p.Name, p.Unit, null, null)).ToList(),
                hours));
        }
        catch (InfluxException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The time-series store is not available.");
        }
    }
}
