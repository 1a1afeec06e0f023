namespace EnvMonitoring.Cloud.Web;

/// <summary><c>GET /api/map</c>: the map's tile URL template (null: no tiles) and their attribution, for any signed-in user.</summary>
internal static class TilesApi
{
    public static RouteGroupBuilder MapTilesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/map", (MapTiles tiles) => TypedResults.Ok(new MapView(tiles.Template, tiles.Attribution)))
            .RequireAuthorization()
            .WithSummary("The province map's tile server and attribution.")
            .Produces<MapView>();
        return api;
    }
}

/// <summary>The map's settings as the dashboard reads them.</summary>
internal sealed record MapView(string? Tiles, string Attribution);
