using System.Security.Claims;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Codec;

namespace EnvMonitoring.Cloud.Live;

/// <summary><c>GET /api/stations</c>: the registry with each station's limits and live state (docs/live.md), of the user's parks only.</summary>
internal static class StationsApi
{
    public static RouteGroupBuilder MapStationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stations", (ClaimsPrincipal user, StationRegistry registry, LiveState live) =>
            {
                var parks = ParkScope.Of(user);
                return TypedResults.Ok(registry.All.Where(s => parks.Allows(s.Park)).Select(s => StationView.Of(s, live.View(s.Station))).ToList());
            })
            .RequireAuthorization(Policies.Viewer)
            .WithSummary("Registered stations of the user's parks with their limits and live state.")
            .Produces<List<StationView>>();
        return api;
    }
}

/// <summary>A registered station as the dashboard shows it.</summary>
internal sealed record StationView(
    string Park, string ParkName, string Station, string Name, string? Facility, string? Permit, double? Latitude, double? Longitude,
    string Medium, double ExpectedIntervalSeconds, IReadOnlyList<LimitView> Limits, StationLive? Live)
{
    public static StationView Of(RegisteredStation station, StationLive? live) => new(
        station.Park, station.Place.ParkName, station.Station, station.Name, station.Place.Facility, station.Place.Permit, station.Place.Latitude, station.Place.Longitude,
        WireName.Of(station.Medium), station.ExpectedInterval.TotalSeconds,
        station.Profile.Limits.Select(LimitView.Of).ToList(), live);
}
