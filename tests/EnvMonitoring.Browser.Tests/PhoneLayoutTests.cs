using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// A phone (390×844, docs/dashboard.md "Phones"): the header is compact, the open alerts come before
/// the tiles within the first screen, nothing scrolls sideways, and a station opened from far down
/// the overview opens at its top.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PhoneLayoutTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    private const int Width = 390;
    private const int Height = 844;
    private const int CompactHeader = 120;

    [Fact]
    public async Task On_a_phone_the_header_is_compact_alerts_come_first_and_a_station_opens_at_its_top()
    {
        // Enough stations that the overview is several screens long.
        // The overview lists stations by id, so the ids sort as the list does and the last one is the bottom tile.
        var run = Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var stations = Enumerable.Range(1, 9).Select(i => TestStation.Water(i <= 5 ? "YenBinh" : "SongCong2", $"Nhà máy số {i}", $"BT-PH{i}-{run}")).ToList();
        var exceeding = stations[0];
        var last = stations[^1];
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, stations, log);
        await using var page = await chromium.OpenAsync(host.BaseAddress, Width, Height);
        // The admin sees every entry of the header: the widest it gets.
        await page.SignInAsync(TestUsers.Admin.Name, TestUsers.Admin.Password);
        // The last station has an hour of history, so its page (and its picture) shows real charts.
        for (var minutes = 60; minutes > 0; minutes -= 5)
        {
            var wave = Math.Sin(minutes / 9.0);
            await host.PublishAsync(last, new Dictionary<string, double> { ["COD"] = Math.Round(45 + 12 * wave, 1), ["pH"] = Math.Round(7 + 0.3 * wave, 2), ["TSS"] = Math.Round(25 - 6 * wave, 1), ["NH4"] = Math.Round(2.5 + wave, 2) },
                measuredAt: DateTimeOffset.UtcNow.AddMinutes(-minutes));
        }

        foreach (var station in stations)
        {
            await host.PublishAsync(station, Values(cod: station == exceeding ? 240 : 40));
        }

        var alert = page.Alert(exceeding.Station, "COD");
        await Expect(alert).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(page.Tile(last.Station)).ToHaveAttributeAsync("data-state", "normal");

        var header = await BoxOf(page.Page.Locator("header.topbar"));
        Assert.True(header.Height <= CompactHeader, $"the header is {header.Height} px high at {Width}×{Height} (at most {CompactHeader})");
        // The connection is a dot, its words still read out.
        await Expect(page.Connection).ToHaveTextAsync("Đã kết nối");

        // The alerts come first: the open alert is on the first screen, above the first tile.
        var first = await BoxOf(alert);
        var firstTile = await BoxOf(page.Tile(stations[0].Station));
        Assert.True(first.Y + first.Height <= Height, $"the open alert ends at {first.Y + first.Height} px, below the first screen ({Height} px)");
        Assert.True(first.Y < firstTile.Y, $"the open alert ({first.Y} px) comes after the first tile ({firstTile.Y} px)");
        await AssertNoSidewaysScrollAsync(page.Page, "the overview");
        await Screenshots.TakeAsync(page.Page, "phone-overview");

        // A station opened from far down the overview opens at its top.
        // Scrolled again if a live update re-rendered the overview meanwhile (it keeps no scroll position of its own).
        await Eventually.UntilAsync(
            async () =>
            {
                await page.Tile(last.Station).ScrollIntoViewIfNeededAsync();
                return await ScrollOf(page.Page) > Height / 2;
            },
            TimeSpan.FromSeconds(10),
            "the overview scrolls down to its last tile");
        await page.Tile(last.Station).ClickAsync();
        await Expect(page.Page.Locator(".station-head h2")).ToContainTextAsync(last.Station);
        Assert.Equal(0, await ScrollOf(page.Page));
        var head = await BoxOf(page.Page.Locator(".station-head"));
        Assert.True(head.Y + head.Height <= Height, $"the station's header ends at {head.Y + head.Height} px, below the first screen");
        await Expect(page.Page.Locator("figure.chart[data-param=COD] canvas")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await AssertNoSidewaysScrollAsync(page.Page, "the station page");
        await Screenshots.TakeAsync(page.Page, "phone-station");

        // Back on the overview the alerts are first again, at the top.
        await page.Page.Locator("a.back").ClickAsync();
        await Expect(page.Page.Locator(".layout > :first-child")).ToHaveIdAsync("feed");
        Assert.Equal(0, await ScrollOf(page.Page));
        await AxeCheck.AssertNoSeriousViolationsAsync(page.Page, "the overview on a phone");
        Assert.Empty(page.ScriptErrors);
    }

    private static async Task<LocatorBoundingBoxResult> BoxOf(ILocator element) =>
        await element.BoundingBoxAsync() ?? throw new InvalidOperationException($"{element} is not on the page");

    private static Task<int> ScrollOf(IPage page) => page.EvaluateAsync<int>("() => Math.round(window.scrollY)");

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string where) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{where} scrolls sideways at {Width}×{Height}");

    private static Dictionary<string, double> Values(double cod) => new() { ["COD"] = cod, ["pH"] = 7.2, ["TSS"] = 21.4, ["NH4"] = 2.3 };
}
