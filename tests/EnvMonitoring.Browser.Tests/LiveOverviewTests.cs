using System.Globalization;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>A value published at a station reaches the overview tile within 2 s, as current data in the province's time.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveOverviewTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    private static readonly TimeSpan ProvinceOffset = TimeSpan.FromHours(7);

    [Fact]
    public async Task A_published_value_appears_on_the_overview_within_two_seconds()
    {
        var station = TestStation.Water("LiveParkA", "Live test WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);
        await Expect(page.Tile(station.Station)).ToHaveAttributeAsync("data-state", "nodata");

        await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 42.5, ["pH"] = 7.25 });
        await Expect(page.TileValue(station.Station, "COD")).ToHaveTextAsync("42,5", new() { Timeout = 2000 });
        await Expect(page.TileValue(station.Station, "pH")).ToHaveTextAsync("7,25");
        await Expect(page.Tile(station.Station)).ToHaveAttributeAsync("data-state", "normal");
        await Expect(page.Tile(station.Station)).ToHaveAttributeAsync("data-stale", "false");
        await Expect(page.Tile(station.Station).Locator(".value[data-param=COD] .unit")).ToHaveTextAsync("mg/L");

        // A second reading replaces the first, again within 2 s.
        await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 57.25, ["pH"] = 7.5 });
        await Expect(page.TileValue(station.Station, "COD")).ToHaveTextAsync("57,25", new() { Timeout = 2000 });
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task Times_are_shown_in_Ho_Chi_Minh_time_whatever_the_browser_zone_and_the_language_switches()
    {
        var station = TestStation.Water("LiveParkB", "Clock test WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);
        // The browser runs in Europe/Berlin (Chromium.OpenAsync): UTC+7 must still be what is shown.
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);

        var shown = TimeOnly.ParseExact(await page.Page.Locator("#clock").InnerTextAsync(), "HH:mm:ss", CultureInfo.InvariantCulture);
        var expected = TimeOnly.FromDateTime(DateTime.UtcNow + ProvinceOffset);
        var difference = Math.Abs((shown.ToTimeSpan() - expected.ToTimeSpan()).TotalSeconds);
        Assert.True(Math.Min(difference, 86_400 - difference) <= 5, $"clock shows {shown}, Ho Chi Minh time is {expected}");

        await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("lang", "vi");
        await Expect(page.Tile(station.Station).Locator(".tile-state")).ToHaveTextAsync("Chưa có dữ liệu");
        await page.Page.Locator("button[data-lang=en]").ClickAsync();
        await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Tile(station.Station).Locator(".tile-state")).ToHaveTextAsync("No data");
        await Expect(page.Connection).ToContainTextAsync("Connected");

        // The choice is remembered across a reload.
        await page.Page.ReloadAsync();
        await page.ExpectConnectedAsync();
        await Expect(page.Connection).ToContainTextAsync("Connected");
        Assert.Empty(page.ScriptErrors);
    }
}
