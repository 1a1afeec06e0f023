using System.Text;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>
/// <c>GET /api/integrity?station=&amp;from=&amp;to=</c> (inspectors: each local day intact, tampered or
/// unsealed, with what was found), <c>GET /api/seals?station=&amp;day=</c> (the day's seal versions as
/// stored, for checking elsewhere) and <c>GET /api/seals/keys</c> (the centre's public keys, to anyone).
/// </summary>
internal static class SealsApi
{
    public static RouteGroupBuilder MapSealsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/integrity", GetIntegrityAsync)
            .WithName("GetIntegrity")
            .RequireAuthorization(Policies.Inspector)
            .RequireUserRateLimit()
            .WithSummary("Each local day of a station checked against its seals: intact, tampered (what was altered, deleted or inserted) or unsealed.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .RefusesInvalid("station, from or to is missing or not a local day (yyyy-MM-dd), or the period is too long")
            .RefusesOutsideParks()
            .Refuses(StatusCodes.Status404NotFound, "the station is not registered")
            .RefusesWhenStoreDown();
        api.MapGet("/seals", GetSealsAsync)
            .WithName("GetSeals")
            .RequireAuthorization(Policies.Inspector)
            .WithSummary("A station-day's seal versions exactly as stored: document and signature.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .RefusesInvalid("station or day (yyyy-MM-dd) is missing or not valid")
            .RefusesOutsideParks()
            .RefusesWhenStoreDown();
        api.MapGet("/seals/keys", (SealingKeys keys) => TypedResults.Ok(keys.Published()))
            .WithName("GetSealKeys")
            .AllowAnonymous()
            .WithSummary("The monitoring centre's public seal keys (PEM), newest first.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return api;
    }

    private static async Task<IResult> GetIntegrityAsync(
        HttpContext context, string? station, string? from, string? to, StationRegistry stations, IntegrityChecker checker, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var first = Day(from, "from", errors);
        var last = Day(to, "to", errors) ?? first;
        if (station is null)
        {
            errors["station"] = ["station is required."];
        }

        if (first is { } a && last is { } b && (b < a || b.DayNumber - a.DayNumber >= IntegrityChecker.MaxDays))
        {
            errors["to"] = [$"to must be on or after from, at most {IntegrityChecker.MaxDays} days in all."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The integrity query is not valid.");
        }

        if (!ParkScope.Of(context.User).Allows(stations.ParkOf(station)))
        {
            return ParkScope.Forbidden();
        }

        if (!stations.TryGet(station!, out var registered))
        {
            return TypedResults.Problem($"Station {station} is not registered.", statusCode: StatusCodes.Status404NotFound, title: "Unknown station.");
        }

        try
        {
            var days = await checker.CheckAsync(registered.Station, first!.Value, last!.Value, cancellationToken);
            return TypedResults.Ok(new { station = registered.Station, from = ProvinceTime.DayText(first.Value), to = ProvinceTime.DayText(last.Value), days = days.Select(IntegrityView.Of) });
        }
        catch (InfluxException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The time-series store is not available.");
        }
    }

    private static async Task<IResult> GetSealsAsync(
        HttpContext context, string? station, string? day, StationRegistry stations, SealStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var date = Day(day, "day", errors);
        if (errors.Count > 0 || station is null || date is null)
        {
            errors.TryAdd("station", ["station and day (yyyy-MM-dd) are required."]);
            return TypedResults.ValidationProblem(errors, title: "The seal query is not valid.");
        }

        if (!ParkScope.Of(context.User).Allows(stations.ParkOf(station)))
        {
            return ParkScope.Forbidden();
        }

        try
        {
            var seals = (await store.ReadAsync(station, date.Value, date.Value, cancellationToken)).GetValueOrDefault(date.Value) ?? [];
            return TypedResults.Ok(seals.OrderBy(s => s.Parsed.Version).Select(s => new
            {
                version = s.Parsed.Version,
                id = s.Id,
                document = Encoding.UTF8.GetString(s.Document),
                signature = Convert.ToBase64String(s.Signature),
            }));
        }
        catch (InfluxException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The time-series store is not available.");
        }
    }

    private static DateOnly? Day(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            errors[name] = [$"{name} is required (a local day, yyyy-MM-dd)."];
            return null;
        }

        if (!ProvinceTime.TryParseDay(text, out var day))
        {
            errors[name] = [$"{name} must be a local day, yyyy-MM-dd; got '{text}'."];
            return null;
        }

        return day;
    }
}
