using System.Globalization;
using System.Text.Json;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// The station page's integrity panel (docs/dashboard.md, "Integrity"): a badge per local day of the
/// last week from <c>GET /api/integrity</c>. A reading changed behind the system's back, straight in
/// InfluxDB, turns its day's badge "tampered" and the day's findings name the parameter and the local
/// time; the other days keep the verdict their seals give; viewers get no panel.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class IntegrityBadgeTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    private static readonly TimeSpan ProvinceOffset = TimeSpan.FromHours(7);
    private const int DaysShown = 7;

    [Fact]
    public async Task A_reading_overwritten_in_influxdb_turns_its_day_tampered_with_the_parameter_and_time_and_a_viewer_gets_no_panel()
    {
        var station = TestStation.Water("SealPark", "Seal test WWTP");
        // Seals every second, and a day's closing seal as soon as it has ended.
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log,
            [new("Seals__Interval", "00:00:01"), new("Seals__CloseDelay", "00:00:00")]);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(ProvinceOffset).DateTime);
        var yesterday = today.AddDays(-1);
        var yesterdayNoon = new DateTimeOffset(yesterday.ToDateTime(new TimeOnly(12, 0)), ProvinceOffset);
        await host.PublishAsync(station, Values(cod: 40), measuredAt: yesterdayNoon);
        await host.PublishAsync(station, Values(cod: 42), measuredAt: DateTimeOffset.UtcNow.AddSeconds(-2));
        await Eventually.UntilAsync(async () =>
        {
            var days = await DaysAsync(host, station, yesterday, today);
            return days[Text(yesterday)] is ("intact", 1) && days[Text(today)] is ("intact", 1);
        }, TimeSpan.FromSeconds(30), "yesterday's and today's samples are sealed");

        // COD of yesterday's noon sample overwritten through InfluxDB's own API (docs/storage.md's layout).
        await influx.Server.WriteAsync(host.Process.Settings.Database,
            $"sample,park={station.Park},station={station.Station} COD=77 {yesterdayNoon.ToUnixTimeMilliseconds()}");
        Assert.Equal(("tampered", 1), (await DaysAsync(host, station, yesterday, today))[Text(yesterday)]);

        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Inspector.Name, TestUsers.Inspector.Password);
        await page.Tile(station.Station).ClickAsync();
        var panel = page.Page.Locator("section.integrity");
        await Expect(panel).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 10_000 });
        await Expect(panel.Locator("h3")).ToHaveTextAsync("Toàn vẹn dữ liệu (7 ngày gần nhất)");
        await Expect(panel.Locator("li.integrity-day")).ToHaveCountAsync(DaysShown);

        var tampered = Day(panel, yesterday);
        await Expect(tampered).ToHaveAttributeAsync("data-verdict", "tampered");
        await Expect(tampered).ToContainTextAsync("✗ Bị sửa đổi");
        await Expect(tampered).ToContainTextAsync(yesterday.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Expect(Day(panel, today)).ToHaveAttributeAsync("data-verdict", "intact");
        await Expect(Day(panel, today)).ToContainTextAsync("✓ Nguyên vẹn");
        // Days before yesterday have no seal: the host started after they ended, with nothing stored for them.
        for (var day = today.AddDays(1 - DaysShown); day < yesterday; day = day.AddDays(1))
        {
            await Expect(Day(panel, day)).ToHaveAttributeAsync("data-verdict", "unsealed");
            await Expect(Day(panel, day)).ToContainTextAsync("Chưa niêm phong");
            await Expect(Day(panel, day).Locator("button")).ToHaveCountAsync(0);
        }

        // Activating the tampered day shows what was found: the reading altered, its parameter and local time.
        var button = tampered.Locator("button");
        var findings = page.Page.Locator("#integrity-findings");
        await Expect(findings).ToBeHiddenAsync();
        await button.PressAsync("Enter");
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(findings).ToBeVisibleAsync();
        var finding = findings.Locator("li.integrity-finding");
        await Expect(finding).ToHaveCountAsync(1);
        await Expect(finding).ToHaveAttributeAsync("data-kind", "altered");
        await Expect(finding).ToContainTextAsync("Bị thay đổi");
        await Expect(finding.Locator(".integrity-param")).ToHaveTextAsync("COD");
        await Expect(finding.Locator("time")).ToHaveTextAsync($"{yesterday.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} 12:00:00");
        await Expect(finding).ToContainTextAsync("COD=77");
        await AxeCheck.AssertNoSeriousViolationsAsync(page.Page, "a station page with a tampered day's findings open");
        await Screenshots.TakeAsync(panel, "integrity-tampered");

        // In English, the open findings stay open.
        await page.Page.Locator("button[data-lang=en]").ClickAsync();
        await Expect(tampered).ToContainTextAsync("✗ Tampered");
        await Expect(Day(panel, today)).ToContainTextAsync("✓ Intact");
        await Expect(finding).ToContainTextAsync("Altered");

        // On a phone the badges wrap: nothing scrolls sideways.
        await page.Page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the station page scrolls sideways at 390 px");
        Assert.Empty(page.ScriptErrors);

        // A viewer's station page has its charts and no integrity panel (the API is for inspectors).
        await using var viewer = await chromium.OpenAsync(host.BaseAddress);
        await viewer.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);
        await viewer.Tile(station.Station).ClickAsync();
        await Expect(viewer.Page.Locator("figure.chart[data-param=COD] canvas")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(viewer.Page.Locator("section.integrity")).ToHaveCountAsync(0);
        Assert.Empty(viewer.ScriptErrors);
    }

    private static ILocator Day(ILocator panel, DateOnly day) =>
        panel.Locator($"li.integrity-day[data-day='{Text(day)}']");

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Each day's verdict and sealed sample count, as the API says (the admin's Basic sign-in).</summary>
    private static async Task<Dictionary<string, (string Verdict, int Samples)>> DaysAsync(DashboardHost host, TestStation station, DateOnly from, DateOnly to)
    {
        using var response = await host.Http.GetAsync(new Uri($"api/integrity?station={station.Station}&from={Text(from)}&to={Text(to)}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("days").EnumerateArray().ToDictionary(
            d => d.GetProperty("day").GetString()!,
            d => (d.GetProperty("verdict").GetString()!, d.GetProperty("sealedSamples").GetInt32()));
    }

    private static Dictionary<string, double> Values(double cod) => new() { ["COD"] = cod, ["pH"] = 7.1, ["TSS"] = 20, ["NH4"] = 2 };
}
