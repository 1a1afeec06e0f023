using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// Every state a station can be in has its own colour and its own words on the overview; stale
/// data is marked stale; the station page charts 24 h of history plus the live tail with the limit.
/// With <c>ENVMON_SCREENSHOTS=1</c> these are the pictures of docs/dashboard.md.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class OverviewStatesTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    // This test owns its host and database, so it can use the demo's readable ids.
    private static readonly TestStation Normal = TestStation.Water("YenBinh", "Yen Binh central WWTP", "YB-WWTP-01");
    private static readonly TestStation Approaching = TestStation.Water("YenBinh", "Textile dyeing", "YB-TEXTILE-01");
    private static readonly TestStation Exceeding = TestStation.Water("YenBinh", "Paper mill", "YB-PAPER-01");
    private static readonly TestStation FarExceeding = TestStation.Water("SongCong2", "Electroplating", "SC2-PLATING-01");
    private static readonly TestStation Calibrating = TestStation.Water("SongCong2", "Song Cong 2 WWTP", "SC2-WWTP-01");
    private static readonly TestStation Fault = TestStation.Water("SongCong2", "Food processing", "SC2-FOOD-01");
    private static readonly TestStation Offline = TestStation.Water("DiemThuy", "Steel works", "DT-STEEL-01") with { OfflineAfter = TimeSpan.FromSeconds(2) };
    private static readonly TestStation Stale = TestStation.Water("DiemThuy", "Diem Thuy WWTP", "DT-WWTP-01");
    private static readonly TestStation NoData = TestStation.Water("DiemThuy", "New brewery", "DT-BREWERY-01");

    [Fact]
    public async Task Each_state_has_its_own_colour_and_words_and_old_data_is_marked_stale()
    {
        TestStation[] stations = [Normal, Approaching, Exceeding, FarExceeding, Calibrating, Fault, Offline, Stale, NoData];
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, stations, log);
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Operator.Name, TestUsers.Operator.Password);

        await host.PublishAsync(Offline, Values(cod: 30));
        await host.PublishAsync(Stale, Values(cod: 35), measuredAt: DateTimeOffset.UtcNow.AddMinutes(-2));
        await host.PublishAsync(Normal, Values(cod: 42.5));
        await host.PublishAsync(Approaching, Values(cod: 88));
        await host.PublishAsync(Exceeding, Values(cod: 124));
        await host.PublishAsync(FarExceeding, Values(cod: 362));
        await host.PublishAsync(Calibrating, Values(cod: 0), new Dictionary<string, int> { ["COD"] = 1 });
        await host.PublishAsync(Fault, Values(cod: 0), new Dictionary<string, int> { ["COD"] = 2 });

        var expected = new (TestStation Station, string State, string Words)[]
        {
            (Normal, "normal", "Bình thường"),
            (Approaching, "approaching", "Sắp vượt ngưỡng"),
            (Exceeding, "exceeding", "Vượt ngưỡng"),
            (FarExceeding, "exceeding", "Vượt ngưỡng"),
            (Calibrating, "calibrating", "Đang hiệu chuẩn"),
            (Fault, "fault", "Lỗi thiết bị"),
            (Offline, "offline", "Mất tín hiệu"),
            (NoData, "nodata", "Chưa có dữ liệu"),
        };
        foreach (var (station, state, words) in expected)
        {
            await Expect(page.Tile(station.Station)).ToHaveAttributeAsync("data-state", state, new() { Timeout = 10_000 });
            await Expect(page.Tile(station.Station).Locator(".tile-state")).ToHaveTextAsync(words);
        }

        // An exceeding tile names the parameter and how far: the multiple of its limit.
        await Expect(page.Tile(Exceeding.Station).Locator(".now-item[data-param=COD] .now-what")).ToHaveTextAsync("COD 1,24×");
        await Expect(page.Tile(FarExceeding.Station).Locator(".now-item[data-param=COD] .now-what")).ToHaveTextAsync("COD 3,62×");

        // Colours tell the states apart (the words above say the same for those who cannot see them).
        var colours = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (station, _, _) in expected)
        {
            colours.Add(await page.Tile(station.Station).EvaluateAsync<string>("tile => getComputedStyle(tile).backgroundColor + ' ' + getComputedStyle(tile).borderLeftColor"));
        }

        Assert.Equal(expected.Length, colours.Count);

        // Two minutes old at a 5-second interval: stale, never shown as current nor called normal.
        await Expect(page.Tile(Stale.Station)).ToHaveAttributeAsync("data-stale", "true");
        await Expect(page.Tile(Stale.Station).Locator(".tile-state")).ToHaveTextAsync("Không có số liệu mới");
        await Expect(page.Tile(Stale.Station).Locator(".stale-badge")).ToHaveTextAsync("Dữ liệu cũ");
        await Expect(page.Tile(Normal.Station)).ToHaveAttributeAsync("data-stale", "false");
        await Expect(page.Tile(Normal.Station).Locator(".stale-badge")).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(page.Page, "overview");

        // The feed holds one alert per exceeding or faulty station, worst first in colour; an operator acknowledges one.
        var worst = page.Alert(FarExceeding.Station, "COD");
        await Expect(worst).ToHaveAttributeAsync("data-severity", "from3");
        await Expect(worst.Locator(".badge")).ToHaveTextAsync("Vượt 3–5 lần");
        await Expect(page.Alert(Fault.Station, "COD").Locator(".alert-rule")).ToHaveTextAsync("Lỗi thiết bị");
        await worst.Locator("button.act-acknowledge").ClickAsync();
        await worst.Locator("textarea").FillAsync("Đã báo Sở TN&MT, nhà máy đang kiểm tra bể xử lý");
        await worst.Locator("form.alert-form button[type=submit]").ClickAsync();
        await Expect(worst.Locator(".alert-ack")).ToContainTextAsync(TestUsers.Operator.Name);
        await Screenshots.TakeAsync(page.Page.Locator("#feed"), "alert-feed");

        // Filters: one park; then a minimum severity across parks.
        var items = page.Page.Locator("li.alert");
        await page.FilterAlertsAsync("park", "SongCong2");
        await Expect(items).ToHaveCountAsync(2);
        Assert.Equal([Fault.Station, FarExceeding.Station], (await items.Locator("a.alert-station").AllInnerTextsAsync()).Order(StringComparer.Ordinal));
        await page.FilterAlertsAsync("park", "");
        await page.FilterAlertsAsync("severity", "from1point1");
        await Expect(items).ToHaveCountAsync(2);
        Assert.Equal([FarExceeding.Station, Exceeding.Station], (await items.Locator("a.alert-station").AllInnerTextsAsync()).Order(StringComparer.Ordinal));
        await page.FilterAlertsAsync("severity", "");
        await Expect(items).ToHaveCountAsync(5);

        // A laptop screen: everything fits the width, nothing scrolls sideways.
        await page.Page.SetViewportSizeAsync(1366, 768);
        Assert.True(await page.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 1366×768");
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task The_station_page_charts_the_last_day_and_the_live_tail_with_the_limit()
    {
        var station = TestStation.Water("YenBinh", "Yen Binh central WWTP", "YB-WWTP-01");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);
        // A day of history, one reading every 20 minutes, with a spike over the limit in the afternoon.
        var now = DateTimeOffset.UtcNow;
        for (var at = now.AddHours(-23); at < now.AddMinutes(-1); at = at.AddMinutes(20))
        {
            var hours = (at - now).TotalHours;
            var value = 55 + 25 * Math.Sin(hours / 3) + (hours is > -6 and < -5 ? 70 : 0);
            await host.PublishAsync(station, Values(cod: Math.Round(value, 1), ph: Math.Round(7 + 0.4 * Math.Cos(hours / 4), 2),
                tss: Math.Round(30 + 12 * Math.Cos(hours / 2), 1), nh4: Math.Round(3 + 1.5 * Math.Sin(hours / 5), 2)), measuredAt: at);
        }

        await host.PublishAsync(station, Values(cod: 61.5));
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);
        await Expect(page.TileValue(station.Station, "COD")).ToHaveTextAsync("61,5");
        await page.Tile(station.Station).ClickAsync();

        var cod = page.Page.Locator("figure.chart[data-param=COD]");
        await Expect(cod.Locator("canvas")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(cod.Locator(".chart-limit")).ToContainTextAsync("≤ 100 mg/L");
        await Expect(page.Page.Locator("figure.chart[data-param=pH] .chart-limit")).ToContainTextAsync("≥ 5,5 · ≤ 9");
        // The history loaded: 69 stored readings plus the current one; the limit is drawn as its own series.
        await Expect(cod).ToHaveAttributeAsync("data-points", "70");
        // The legend names the lines without hovering (a phone has no hover): no empty value rows, no time row.
        await Expect(cod.Locator(".u-legend .u-series")).ToHaveTextAsync(["COD (mg/L)", "Giới hạn"]);
        await Expect(cod.Locator(".u-legend .u-value")).ToHaveCountAsync(0);

        await host.PublishAsync(station, Values(cod: 77.25));
        await Expect(cod.Locator(".chart-current")).ToHaveTextAsync("77,25 mg/L");
        await Expect(cod).ToHaveAttributeAsync("data-points", "71");
        await Screenshots.TakeAsync(page.Page, "station-detail");
        Assert.Empty(page.ScriptErrors);
    }

    private static Dictionary<string, double> Values(double cod, double ph = 7.2, double tss = 21.4, double nh4 = 2.3) =>
        new() { ["COD"] = cod, ["pH"] = ph, ["TSS"] = tss, ["NH4"] = nh4 };
}
