using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>Issue 14, item 6: the dashboard of a user bound to a park shows that park, names it, and works as for anyone else.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ParkScopeTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    [Fact]
    public async Task A_park_scoped_user_sees_their_park_live_and_never_another_park()
    {
        var own = TestStation.Water("BrowserParkA", "Own park WWTP");
        var other = TestStation.Water("BrowserParkB", "Other park WWTP");
        var user = new TestUser("t-park-viewer", "park-viewer-secret-1", ["viewer"], [own.Park]);
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [own, other], log, user.Settings(4, "__"));
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(user.Name, user.Password);

        await Expect(page.Page.Locator("#user")).ToContainTextAsync(own.Park);
        await Expect(page.Tile(own.Station)).ToHaveAttributeAsync("data-state", "nodata");
        await host.PublishAsync(other, new Dictionary<string, double> { ["COD"] = 250, ["pH"] = 7.1 });
        await host.PublishAsync(own, new Dictionary<string, double> { ["COD"] = 42.5, ["pH"] = 7.25 });
        await Expect(page.TileValue(own.Station, "COD")).ToHaveTextAsync("42,5", new() { Timeout = 5000 });

        await Expect(page.Tile(other.Station)).ToHaveCountAsync(0);
        await Expect(page.Page.Locator("main")).Not.ToContainTextAsync(other.Park);
        await Expect(page.Page.Locator("main")).Not.ToContainTextAsync(other.Station);
        Assert.Empty(page.ScriptErrors);
    }
}
