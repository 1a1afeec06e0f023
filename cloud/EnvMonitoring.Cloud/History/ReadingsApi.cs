using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.History;

/// <summary>
/// <c>GET /api/readings?station=…&amp;param=…&amp;from=…&amp;to=…&amp;limit=…</c>: raw readings, half-open [from, to);
/// a station outside the user's parks is 403 (<see cref="ParkScope"/>).
/// </summary>
internal static class ReadingsApi
{
    public static RouteGroupBuilder MapReadingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/readings", GetReadingsAsync)
            .RequireAuthorization(Policies.Viewer)
            .RequireUserRateLimit()
            .WithName("GetReadings")
            .WithSummary("Raw readings of one station and parameter, oldest first; from defaults to one hour before to, to to now.")
            .Produces<ReadingsResponse>()
            .RefusesInvalid("station, param, from, to or limit is not valid")
            .RefusesOutsideParks()
            .RefusesWhenStoreDown();
        return api;
    }

    private static async Task<IResult> GetReadingsAsync(
        string? station, string? param, string? from, string? to, string? limit,
        ClaimsPrincipal user, StationRegistry registry, SampleCodec codec, InfluxClient influx, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ReadingsQuery.TryParse(station, param, from, to, limit, codec.Catalog, time.GetUtcNow(), out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "The readings query is not valid.");
        }

        if (!ParkScope.Of(user).Allows(registry.ParkOf(query.Station)))
        {
            return ParkScope.Forbidden();
        }

        var field = query.Parameter.Code;
        var statusField = SampleSchema.StatusField(field);
        var influxQl = string.Create(CultureInfo.InvariantCulture,
            $"SELECT {InfluxQl.Identifiers([field, statusField])} FROM {InfluxQl.Identifier(SampleSchema.Measurement)} " +
            $"WHERE {InfluxQl.Is(SampleSchema.StationTag, query.Station)} AND {InfluxQl.Range(query.From, query.To)} ORDER BY time ASC LIMIT {query.Limit + 1}");
        JsonDocument document;
        try
        {
            document = await influx.QueryAsync(influxQl, cancellationToken);
        }
        catch (InfluxException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The time-series store is not available.");
        }

        using (document)
        {
            var points = ReadPoints(document.RootElement);
            var truncated = points.Count > query.Limit;
            if (truncated)
            {
                points.RemoveAt(points.Count - 1);
            }

            return TypedResults.Ok(new ReadingsResponse(
                query.Station, field, query.Parameter.Unit, ProvinceTime.ToLocal(query.From), ProvinceTime.ToLocal(query.To), points, truncated));
        }
    }

    private static List<ReadingPoint> ReadPoints(JsonElement root)
    {
        var points = new List<ReadingPoint>();
        foreach (var result in root.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var series))
            {
                continue;
            }

            foreach (var serie in series.EnumerateArray())
            {
                foreach (var row in serie.GetProperty("values").EnumerateArray())
                {
                    // Columns: time, value, status. A point without this parameter's value is not a reading of it.
                    if (row[1].ValueKind != JsonValueKind.Number)
                    {
                        continue;
                    }

                    var status = row[2].ValueKind == JsonValueKind.Number ? row[2].GetInt32() : 0;
                    var ts = ProvinceTime.ToLocal(DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()));
                    points.Add(new ReadingPoint(ts, row[1].GetDouble(), status));
                }
            }
        }

        return points;
    }
}
