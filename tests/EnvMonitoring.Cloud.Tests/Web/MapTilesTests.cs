using EnvMonitoring.Cloud.Web;
using Microsoft.Extensions.Configuration;

namespace EnvMonitoring.Cloud.Tests.Web;

/// <summary>The map's tile setting (docs/dashboard.md, "Map"): OpenStreetMap by default, off when empty, and only a usable https template.</summary>
public sealed class MapTilesTests
{
    [Fact]
    public void By_default_the_tiles_are_OpenStreetMaps_and_only_their_host_is_allowed()
    {
        var tiles = MapTiles.Of(Bind([]));

        Assert.Equal("https://tile.openstreetmap.org/{z}/{x}/{y}.png", tiles.Template);
        Assert.Equal("© OpenStreetMap contributors", tiles.Attribution);
        Assert.Equal("https://tile.openstreetmap.org", tiles.Origin);
    }

    [Fact]
    public void An_empty_setting_turns_the_tiles_off_and_allows_no_image_host()
    {
        var tiles = MapTiles.Of(Bind(new() { ["Dashboard:MapTiles"] = "" }));

        Assert.Null(tiles.Template);
        Assert.Null(tiles.Origin);
    }

    [Theory]
    [InlineData("https://tiles.example.vn:8443/osm/{z}/{x}/{y}.png?key=abc", "https://tiles.example.vn:8443")]
    [InlineData("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org")]
    public void A_tile_server_is_allowed_by_its_origin(string template, string origin) =>
        Assert.Equal(origin, MapTiles.Of(Bind(new() { ["Dashboard:MapTiles"] = template })).Origin);

    [Theory]
    [InlineData("https://tile.openstreetmap.org/tiles.png", "{z}, {x} and {y}")]
    [InlineData("http://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://")]
    [InlineData("https://user:secret@tiles.example.vn/{z}/{x}/{y}.png", "credentials")]
    [InlineData("https://tiles-{z}.example.vn/{z}/{x}/{y}.png", "{s}")]
    [InlineData("tile.openstreetmap.org/{z}/{x}/{y}.png", "https://")]
    public void A_template_the_browser_cannot_use_is_refused_with_the_reason(string template, string reason)
    {
        var error = Assert.Throws<InvalidOperationException>(() => MapTiles.Of(Bind(new() { ["Dashboard:MapTiles"] = template })));

        Assert.Contains("Dashboard:MapTiles", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static DashboardOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new DashboardOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(DashboardOptions.Section).Bind(options);
        return options;
    }
}
