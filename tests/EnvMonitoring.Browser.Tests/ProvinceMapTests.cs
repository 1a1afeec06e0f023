using System.Text.RegularExpressions;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// The province map (<c>#/map</c>, docs/dashboard.md "Map"): every registered station with a position
/// is a marker in its tile's state colour, recoloured live from the hub; a station without a
/// position is listed beside the map; a marker opens its station by click and by keyboard; and the
/// markers stand when the tiles cannot load (the tile server here does not exist).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ProvinceMapTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    /// <summary>A tile server that cannot answer: the <c>.invalid</c> top-level domain never resolves (RFC 2606).</summary>
    private const string UnreachableTiles = "https://tiles.invalid/{z}/{x}/{y}.png";

    // This test owns its host and database, so it can use the demo's ids and places.
    private static readonly TestStation Central = TestStation.Water("YenBinh", "Nhà máy xử lý nước thải tập trung", "YB-WWTP-01") with { Position = (21.4215, 105.8620) };
    private static readonly TestStation Textile = TestStation.Water("YenBinh", "Dệt may Phổ Yên", "YB-TEXTILE-01") with { Position = (21.4268, 105.8671) };
    private static readonly TestStation Plating = TestStation.Water("SongCong2", "Mạ kẽm Sông Công", "SC2-PLATING-01") with { Position = (21.4575, 105.8382) };
    private static readonly TestStation NeverHeard = TestStation.Water("DiemThuy", "Xử lý nước thải Điềm Thụy", "DT-WWTP-01") with { Position = (21.5392, 105.9488) };
    private static readonly TestStation Unplaced = TestStation.Water("DiemThuy", "Nhà máy bia mới", "DT-BREWERY-01");

    [Fact]
    public async Task Every_placed_station_is_a_marker_in_its_state_colour_live_without_tiles_and_the_unplaced_are_listed()
    {
        TestStation[] stations = [Central, Textile, Plating, NeverHeard, Unplaced];
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, stations, log,
            [new("Dashboard__MapTiles", UnreachableTiles), new("Dashboard__MapAttribution", "© Test tiles")]);
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);
        foreach (var station in new[] { Central, Textile, Plating, Unplaced })
        {
            await host.PublishAsync(station, Values(cod: 40));
        }

        await Expect(page.Tile(Plating.Station)).ToHaveAttributeAsync("data-state", "normal", new() { Timeout = 10_000 });
        var normalColour = await page.Tile(Plating.Station).EvaluateAsync<string>("tile => getComputedStyle(tile).borderLeftColor");

        // The map is linked from the navigation; every station with a position is a marker.
        await page.Page.Locator("#nav a[href='#/map']").ClickAsync();
        await Expect(page.Page.Locator("#nav a[href='#/map']")).ToHaveAttributeAsync("aria-current", "page");
        var markers = page.Page.Locator("#map-canvas a.map-marker");
        await Expect(markers).ToHaveCountAsync(4);
        Assert.Equal(
            new[] { Central.Station, Plating.Station, NeverHeard.Station, Textile.Station }.Order(StringComparer.Ordinal),
            (await markers.EvaluateAllAsync<string[]>("links => links.map(link => link.dataset.station)")).Order(StringComparer.Ordinal));
        foreach (var marker in await markers.AllAsync())
        {
            Assert.True(await marker.IsVisibleAsync(), $"marker {await marker.GetAttributeAsync("data-station")} is not visible");
        }

        // Without tiles (this tile server does not exist) the markers stand, and the page says why the background is plain.
        await Expect(page.Page.Locator("section.map-page")).ToHaveAttributeAsync("data-tiles", "failed", new() { Timeout = 15_000 });
        await Expect(page.Page.Locator("#map-note")).ToHaveTextAsync("Không tải được nền bản đồ; các trạm vẫn hiện đúng vị trí.");
        await Expect(page.Page.Locator(".leaflet-control-attribution")).ToHaveTextAsync("© Test tiles");
        using (var response = await host.Http.GetAsync(new Uri("/", UriKind.Relative)))
        {
            // Images from the host and from exactly the configured tile server.
            Assert.Contains("img-src 'self' data: https://tiles.invalid;", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }

        await Expect(Marker(page, NeverHeard)).ToHaveAttributeAsync("data-state", "nodata");
        await Expect(Marker(page, Plating)).ToHaveAttributeAsync("data-state", "normal");
        Assert.Equal(normalColour, await BackgroundOf(Marker(page, Plating)));

        // The station without a position is listed beside the map with its state.
        await Expect(page.Page.Locator("#map-unplaced-title")).ToHaveTextAsync("Chưa có toạ độ");
        var unplaced = page.Page.Locator($"#map-unplaced li[data-station='{Unplaced.Station}']");
        await Expect(unplaced).ToContainTextAsync($"{Unplaced.Station} · Nhà máy bia mới · Bình thường");
        await Expect(page.Page.Locator("#map-unplaced li")).ToHaveCountAsync(1);

        // Live from the hub: one station exceeds, its marker turns the tile's colour for that tier, with its alert's ring.
        await host.PublishAsync(Plating, Values(cod: 362));
        var plating = Marker(page, Plating);
        await Expect(plating).ToHaveAttributeAsync("data-state", "exceeding");
        await Expect(plating).ToHaveClassAsync(new Regex(@"\bstate-exceeding\b.*\bsev-from3\b"));
        await Expect(plating).ToHaveAttributeAsync("data-open-alerts", "1");
        await Expect(plating).ToHaveClassAsync(new Regex(@"\bhas-open-alert\b"));
        await Expect(plating).ToHaveAccessibleNameAsync($"{Plating.Station} · Mạ kẽm Sông Công · Vượt ngưỡng · 1 cảnh báo chưa đóng");
        var exceedingColour = await BackgroundOf(plating);
        Assert.NotEqual(normalColour, exceedingColour);
        await Screenshots.TakeAsync(page.Page, "map");

        // A click on a marker opens its station; so does Enter on a marker reached by keyboard.
        await plating.ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new Regex($"#/station/{Plating.Station}$"));
        await Expect(page.Page.Locator(".station-head h2")).ToContainTextAsync(Plating.Station);
        // Retried: the station page may render its header again as its data arrives (a detached element has no style).
        await Expect(page.Page.Locator(".station-state")).ToHaveCSSAsync("border-left-color", exceedingColour);
        await page.Page.GoBackAsync();
        await Marker(page, Central).FocusAsync();
        await page.Page.Keyboard.PressAsync("Enter");
        await Expect(page.Page.Locator(".station-head h2")).ToContainTextAsync(Central.Station);
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task With_tiles_turned_off_the_map_says_so_and_allows_no_other_image_host()
    {
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [Central, Unplaced], log, [new("Dashboard__MapTiles", "")]);
        await using var page = await chromium.OpenAsync(host.BaseAddress, 390, 844);
        await page.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);
        await page.Page.GotoAsync("/#/map");

        await Expect(page.Page.Locator("section.map-page")).ToHaveAttributeAsync("data-tiles", "off");
        await Expect(page.Page.Locator("#map-note")).ToContainTextAsync("Nền bản đồ đã tắt");
        await Expect(page.Page.Locator("#map-canvas a.map-marker")).ToHaveCountAsync(1);
        await Expect(Marker(page, Central)).ToBeVisibleAsync();
        await Expect(page.Page.Locator("#map-canvas img.leaflet-tile")).ToHaveCountAsync(0);
        using var response = await host.Http.GetAsync(new Uri("/", UriKind.Relative));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("img-src 'self' data:;", policy, StringComparison.Ordinal);
        await Screenshots.TakeAsync(page.Page, "phone-map");
        Assert.Empty(page.ScriptErrors);
    }

    private static ILocator Marker(DashboardPage page, TestStation station) =>
        page.Page.Locator($"#map-canvas a.map-marker[data-station='{station.Station}']");

    private static Task<string> BackgroundOf(ILocator marker) => marker.EvaluateAsync<string>("marker => getComputedStyle(marker).backgroundColor");

    private static Dictionary<string, double> Values(double cod) => new() { ["COD"] = cod, ["pH"] = 7.2, ["TSS"] = 21.4, ["NH4"] = 2.3 };
}
