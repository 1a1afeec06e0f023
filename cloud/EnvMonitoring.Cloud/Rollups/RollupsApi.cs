using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Rollups;

/// <summary>
/// <c>GET /api/rollups</c> (inspector of every park: its counters span the province): what the rollup
/// service has done. <c>POST /api/rollups/recompute?station=&amp;from=&amp;to=</c> (admin, every park):
/// recompute a station's rollups, for late data older than the late-data horizon.
/// </summary>
internal static class RollupsApi
{
    public static RouteGroupBuilder MapRollupsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rollups", (RollupStatus status) => TypedResults.Ok(new
        {
            status.CompleteBefore,
            status.LastPassEndedAt,
            status.Passes,
            status.HoursRecomputed,
            status.DaysRecomputed,
            status.LastError,
        })).WithName("GetRollupStatus").RequireAuthorization(Policies.Inspector, Policies.AllParks)
            .WithSummary("What the rollup service has done: hours and days complete before, passes, recomputed counts, last error.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapPost("/rollups/recompute", RecomputeAsync).WithName("RecomputeRollups").RequireAuthorization(Policies.Admin)
            .WithSummary("Recomputes a station's hourly and daily means over [from, to), for data older than the late-data horizon.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .RefusesInvalid("station is not a registered station, or from and to are missing or not in order")
            .RefusesWhenStoreDown();
        return api;
    }

    private static async Task<IResult> RecomputeAsync(
        HttpContext context, string? station, string? from, string? to, StationRegistry stations, RollupService rollups, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var start = TimeArgument.Parse(from, "from", errors);
        var end = TimeArgument.Parse(to, "to", errors);
        if (!Identifier.IsValid(station) || !stations.TryGet(station!, out var registered))
        {
            errors["station"] = ["station must be a registered station."];
            registered = null;
        }

        if (start is null || end is null || start >= end)
        {
            errors.TryAdd("from", ["from and to are required, from before to."]);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The recompute request is not valid.");
        }

        try
        {
            var (hours, days) = await rollups.RecomputeAsync(registered!.Park, registered.Station, start!.Value, ProvinceTime.StartOfHour(end!.Value.AddTicks(TimeSpan.TicksPerHour - 1)), cancellationToken);
            audit.Record(context, AuditAction.RollupsRecompute, registered.Park, registered.Station, $"{start:O}/{end:O}", $"{hours} hour(s), {days} day(s) recomputed");
            return TypedResults.Ok(new { hours, days });
        }
        catch (InfluxException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The time-series store is not available.");
        }
    }
}
