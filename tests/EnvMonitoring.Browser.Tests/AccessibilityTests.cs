using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// axe-core finds no serious or critical WCAG problem on any page: sign-in, the overview with alerts,
/// a station, the map, inspect and the audit log (the overview on a phone: <see cref="PhoneLayoutTests"/>).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AccessibilityTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    [Fact]
    public async Task Sign_in_overview_and_station_pages_have_no_serious_accessibility_violations()
    {
        var calm = TestStation.Water("A11yPark", "Calm WWTP");
        var exceeding = TestStation.Water("A11yPark", "Exceeding WWTP");
        var severe = TestStation.Water("A11yPark", "Severe WWTP");
        var stale = TestStation.Water("A11yPark", "Stale WWTP");
        var staleSevere = TestStation.Water("A11yPark", "Stale severe WWTP");
        var lowPh = TestStation.Water("A11yPark", "Low pH WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [calm, exceeding, severe, stale, staleSevere, lowPh], log);
        await using var page = await chromium.OpenAsync(host.BaseAddress);

        await page.Page.GotoAsync("/");
        await Expect(page.Page.Locator("#login-name")).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(page.Page, "the sign-in page");

        await page.SignInAsync(TestUsers.Operator.Name, TestUsers.Operator.Password);
        await host.PublishAsync(calm, new Dictionary<string, double> { ["COD"] = 40, ["pH"] = 7.1 });
        await host.PublishAsync(exceeding, new Dictionary<string, double> { ["COD"] = 125, ["pH"] = 7.1 });
        await host.PublishAsync(severe, new Dictionary<string, double> { ["COD"] = 620, ["pH"] = 7.1 });
        await host.PublishAsync(stale, new Dictionary<string, double> { ["COD"] = 30, ["pH"] = 7.1 }, measuredAt: DateTimeOffset.UtcNow.AddMinutes(-3));
        await host.PublishAsync(staleSevere, new Dictionary<string, double> { ["COD"] = 640, ["pH"] = 7.1 }, measuredAt: DateTimeOffset.UtcNow.AddMinutes(-3));
        // pH below its range, then back: a normal tile with its alert still open.
        await host.PublishAsync(lowPh, new Dictionary<string, double> { ["COD"] = 40, ["pH"] = 4.5 }, measuredAt: DateTimeOffset.UtcNow.AddSeconds(-2));
        await host.PublishAsync(lowPh, new Dictionary<string, double> { ["COD"] = 40, ["pH"] = 7.1 });
        await Expect(page.Alert(severe.Station, "COD")).ToBeVisibleAsync();
        await Expect(page.Tile(stale.Station)).ToHaveAttributeAsync("data-stale", "true");
        await Expect(page.Tile(staleSevere.Station)).ToHaveAttributeAsync("data-stale", "true");
        await Expect(page.Tile(lowPh.Station).Locator(".open-alert")).ToBeVisibleAsync();
        await page.Alert(exceeding.Station, "COD").Locator("button.act-acknowledge").ClickAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(page.Page, "the overview with alerts and an open note form");

        await page.Page.Locator("button[data-lang=en]").ClickAsync();
        await page.Tile(severe.Station).ClickAsync();
        await Expect(page.Page.Locator("figure.chart[data-param=COD] canvas")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await AxeCheck.AssertNoSeriousViolationsAsync(page.Page, "a station page in English");
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task Map_inspect_and_audit_pages_have_no_serious_accessibility_violations()
    {
        var placed = TestStation.Water("A11yPark", "Trạm có toạ độ") with { Position = (21.4215, 105.8620) };
        var exceeding = TestStation.Water("A11yPark", "Trạm vượt ngưỡng") with { Position = (21.4575, 105.8382) };
        var unplaced = TestStation.Water("A11yPark", "Trạm chưa có toạ độ");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [placed, exceeding, unplaced], log,
            [new("Dashboard__MapTiles", "https://tiles.invalid/{z}/{x}/{y}.png")]);
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Admin.Name, TestUsers.Admin.Password);
        // The exceeding sample's alert says it is stored, so inspect finds it.
        await host.PublishAsync(placed, new Dictionary<string, double> { ["COD"] = 40, ["pH"] = 7.1 });
        await host.PublishAsync(exceeding, new Dictionary<string, double> { ["COD"] = 260, ["pH"] = 7.1 });
        await host.PublishAsync(unplaced, new Dictionary<string, double> { ["COD"] = 40, ["pH"] = 7.1 });
        await Expect(page.Alert(exceeding.Station, "COD")).ToBeVisibleAsync();

        await page.Page.Locator("#nav a[href='#/map']").ClickAsync();
        await Expect(page.Page.Locator($"a.map-marker[data-station='{exceeding.Station}']")).ToHaveAttributeAsync("data-state", "exceeding");
        await Expect(page.Page.Locator("section.map-page")).ToHaveAttributeAsync("data-tiles", "failed", new() { Timeout = 15_000 });
        await AxeCheck.AssertNoSeriousViolationsAsync(page.Page, "the map");

        await page.Page.Locator("#nav-inspect").ClickAsync();
        await page.Page.Locator("#inspect-station").SelectOptionAsync(exceeding.Station);
        await page.Page.Locator("input[name=param][value=COD]").CheckAsync();
        await page.Page.Locator("#inspect-show").ClickAsync();
        await Expect(page.Page.Locator("#inspect-table td.num[data-param=COD]")).ToHaveTextAsync(["260"], new() { Timeout = 10_000 });
        await AxeCheck.AssertNoSeriousViolationsAsync(page.Page, "inspect with a result");

        await page.Page.Locator("#nav-audit").ClickAsync();
        await Expect(page.Page.Locator("#audit-table tbody tr").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await AxeCheck.AssertNoSeriousViolationsAsync(page.Page, "the audit log");
        Assert.Empty(page.ScriptErrors);
    }
}
