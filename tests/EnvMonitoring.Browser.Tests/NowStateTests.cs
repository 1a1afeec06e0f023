using System.Globalization;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// Tiles and station headers show what a station is doing now — which parameters exceed, how far,
/// since when — apart from its alerts still open; a range limit (pH) by the bound it breaks; data
/// problems by name, never "normal". Real samples through the real host into real Chromium.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class NowStateTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    private static readonly TimeSpan ProvinceOffset = TimeSpan.FromHours(7);

    [Fact]
    public async Task A_one_minute_spike_turns_the_tile_red_and_once_values_are_back_the_tile_says_back_to_normal_alert_open()
    {
        var station = TestStation.Water("SpikePark", "Spike WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Operator.Name, TestUsers.Operator.Password);
        var tile = page.Tile(station.Station);

        // COD at 230 mg/L (2.3 × its limit of 100) for one minute, one reading every 5 s.
        var start = DateTimeOffset.UtcNow.AddSeconds(-65);
        await host.PublishAsync(station, Values(cod: 40), measuredAt: start);
        for (var second = 5; second <= 60; second += 5)
        {
            await host.PublishAsync(station, Values(cod: 230), measuredAt: start.AddSeconds(second));
        }

        await Expect(tile).ToHaveAttributeAsync("data-state", "exceeding", new() { Timeout = 10_000 });
        await Expect(tile).ToHaveAttributeAsync("data-severity", "from2");
        await Expect(tile.Locator(".tile-state")).ToHaveTextAsync("Vượt ngưỡng");
        var cod = tile.Locator(".now-item[data-param=COD]");
        await Expect(cod.Locator(".now-what")).ToHaveTextAsync("COD 2,3×");
        await Expect(cod.Locator(".now-since")).ToHaveTextAsync($"từ {Local(start.AddSeconds(5))}");
        await Expect(tile.Locator(".open-alert")).ToHaveCountAsync(0); // the open alert is what the now line says

        // Back to 39 mg/L: the tile is normal now; the alert is still open, and the tile says so apart.
        await host.PublishAsync(station, Values(cod: 39));
        await Expect(tile).ToHaveAttributeAsync("data-state", "normal");
        await Expect(tile).ToHaveAttributeAsync("data-severity", "none");
        await Expect(tile.Locator(".tile-state")).ToHaveTextAsync("Bình thường");
        await Expect(tile.Locator(".now-item")).ToHaveCountAsync(0);
        var open = tile.Locator(".open-alert");
        await Expect(open).ToHaveCountAsync(1);
        await Expect(open).ToContainTextAsync("COD 2,3×");
        await Expect(open).ToContainTextAsync("trở lại bình thường");
        await Expect(open).ToContainTextAsync("chờ đóng");
        await Expect(page.Alert(station.Station, "COD")).ToHaveAttributeAsync("data-resolved", "false");
        await Screenshots.TakeAsync(tile, "tile-back-to-normal");

        await page.Page.Locator("button[data-lang=en]").ClickAsync();
        await Expect(tile.Locator(".tile-state")).ToHaveTextAsync("Normal");
        await Expect(open).ToContainTextAsync("COD 2.3× · back to normal");
        await Expect(open).ToContainTextAsync("awaiting closing");

        // The station's own page says the same in its header.
        await tile.ClickAsync();
        var header = page.Page.Locator(".station-state");
        await Expect(header).ToHaveAttributeAsync("data-state", "normal");
        await Expect(header.Locator(".open-alert")).ToContainTextAsync("COD 2.3× · back to normal");
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task PH_low_shows_the_lower_bound_and_high_the_upper_never_a_multiple()
    {
        var station = TestStation.Water("PhPark", "Plating WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);
        var tile = page.Tile(station.Station);

        await host.PublishAsync(station, Values(cod: 40, ph: 4.5));

        await Expect(tile).ToHaveAttributeAsync("data-state", "exceeding", new() { Timeout = 10_000 });
        await Expect(tile.Locator(".now-item[data-param=pH] .now-what")).ToHaveTextAsync("pH 4,5 < 5,5");
        var alert = page.Alert(station.Station, "pH");
        await Expect(alert.Locator(".badge")).ToHaveTextAsync("Ngoài khoảng · mức 1");
        await Expect(alert.Locator(".alert-value")).ToHaveTextAsync("4,5 < 5,5 · giới hạn dưới 5,5");
        await Screenshots.TakeAsync(page.Page.Locator(".layout"), "ph-low");

        await host.PublishAsync(station, Values(cod: 40, ph: 10.8));

        await Expect(tile.Locator(".now-item[data-param=pH] .now-what")).ToHaveTextAsync("pH 10,8 > 9");
        await Expect(alert.Locator(".badge")).ToHaveTextAsync("Ngoài khoảng · mức 2");
        await Expect(alert.Locator(".alert-value")).ToHaveTextAsync("10,8 > 9 · giới hạn trên 9");
        Assert.DoesNotContain("lần", await alert.InnerTextAsync() + await tile.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task Data_problems_are_named_states_of_their_own_and_small_values_read_plainly()
    {
        var fault = TestStation.Water("DataPark", "Faulty probe WWTP");
        var calibrating = TestStation.Water("DataPark", "Calibration WWTP");
        var silent = TestStation.Water("DataPark", "Silent probe WWTP") with { SilentAfter = TimeSpan.FromSeconds(3) };
        var flat = TestStation.Water("DataPark", "Stuck probe WWTP") with { FlatLineAfter = TimeSpan.FromSeconds(30) };
        var staleSevere = TestStation.Water("DataPark", "Old severe WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [fault, calibrating, silent, flat, staleSevere], log);
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);
        var now = DateTimeOffset.UtcNow;

        await host.PublishAsync(fault, Values(cod: 0), new Dictionary<string, int> { ["COD"] = 2 });
        await host.PublishAsync(calibrating, Values(cod: -0.001), new Dictionary<string, int> { ["COD"] = 1 });
        await host.PublishAsync(silent, Values(cod: 40), measuredAt: now.AddSeconds(-10));
        await host.PublishAsync(silent, new Dictionary<string, double> { ["pH"] = 7.1 }, measuredAt: now);
        for (var second = -35; second <= 0; second += 5)
        {
            await host.PublishAsync(flat, Values(cod: 40 + second, ph: 7.31), measuredAt: now.AddSeconds(second));
        }

        await host.PublishAsync(staleSevere, Values(cod: 620), measuredAt: now.AddMinutes(-2));

        var expected = new (TestStation Station, string State, string Words, string? Param)[]
        {
            (fault, "fault", "Lỗi thiết bị", "COD"),
            (calibrating, "calibrating", "Đang hiệu chuẩn", "COD"),
            (silent, "silent", "Đầu đo mất tín hiệu", "COD"),
            (flat, "flatLine", "Giá trị không đổi", "pH"),
        };
        var colours = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (station, state, words, param) in expected)
        {
            var tile = page.Tile(station.Station);
            await Expect(tile).ToHaveAttributeAsync("data-state", state, new() { Timeout = 10_000 });
            await Expect(tile.Locator(".tile-state")).ToHaveTextAsync(words);
            await Expect(tile.Locator($".now-item[data-param={param}]")).ToHaveAttributeAsync("data-state", state);
            colours.Add(await tile.EvaluateAsync<string>("tile => getComputedStyle(tile).backgroundColor + ' ' + getComputedStyle(tile).borderLeftColor"));
        }

        Assert.Equal(expected.Length, colours.Count);

        // A device fault's number is not a reading: its alert shows none; a calibration's -0.001 reads 0, not "-0".
        await Expect(page.Alert(fault.Station, "COD").Locator(".alert-rule")).ToHaveTextAsync("Lỗi thiết bị");
        await Expect(page.Alert(fault.Station, "COD").Locator(".alert-value")).ToHaveCountAsync(0);
        await Expect(page.TileValue(calibrating.Station, "COD")).ToHaveTextAsync("0");

        // Old figures of a severe exceedance are marked stale and stay readable: dark grey on light grey, AA contrast.
        var old = page.Tile(staleSevere.Station);
        await Expect(old).ToHaveAttributeAsync("data-stale", "true");
        await Expect(old).ToHaveAttributeAsync("data-severity", "from5");
        var contrast = await old.Locator(".value[data-param=COD] .num").EvaluateAsync<double>(ContrastScript);
        Assert.True(contrast >= 4.5, $"a stale value on a severe tile has contrast {contrast:0.00}, below 4.5");

        // Every word of the dashboard exists in both languages.
        var keys = await page.Page.EvaluateAsync<string[][]>("async () => { const m = await import('/app/i18n.js'); return [m.keysOf('vi').sort(), m.keysOf('en').sort()]; }");
        Assert.Equal(keys[0], keys[1]);
        Assert.Empty(page.ScriptErrors);
    }

    /// <summary>
    /// WCAG contrast of an element's text against the nearest opaque background colour behind it, the
    /// text blended into that background by the opacity of the element and its ancestors.
    /// </summary>
    private const string ContrastScript = """
        element => {
          const rgb = (text) => text.match(/[\d.]+/g).map(Number);
          const luminance = (c) => c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
          let background = null;
          let opacity = 1;
          for (let node = element; node; node = node.parentElement) {
            const style = getComputedStyle(node);
            opacity *= Number(style.opacity);
            const colour = rgb(style.backgroundColor);
            background ??= colour.length === 3 || colour[3] === 1 ? colour : null;
          }
          const text = rgb(getComputedStyle(element).color).slice(0, 3).map((v, i) => v * opacity + background[i] * (1 - opacity));
          const [a, b] = [luminance(text), luminance(background)];
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }
        """;

    private static string Local(DateTimeOffset instant) => instant.ToOffset(ProvinceOffset).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static Dictionary<string, double> Values(double cod, double ph = 7.2) =>
        new() { ["COD"] = cod, ["pH"] = ph, ["TSS"] = 21.4, ["NH4"] = 2.3 };
}
