using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>axe-core finds no serious or critical WCAG problem on the sign-in page, the overview with alerts, and a station page.</summary>
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
        await AssertNoSeriousViolationsAsync(page.Page, "the sign-in page");

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
        await AssertNoSeriousViolationsAsync(page.Page, "the overview with alerts and an open note form");

        await page.Page.Locator("button[data-lang=en]").ClickAsync();
        await page.Tile(severe.Station).ClickAsync();
        await Expect(page.Page.Locator("figure.chart[data-param=COD] canvas")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await AssertNoSeriousViolationsAsync(page.Page, "a station page in English");
        Assert.Empty(page.ScriptErrors);
    }

    private static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{where}: " + string.Join("\n", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} — " + string.Join("; ", violation.Nodes.Take(5).Select(n => n.Html));
}
