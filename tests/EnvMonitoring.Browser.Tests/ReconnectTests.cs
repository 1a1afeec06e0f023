using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// The page outlives a restart of the cloud host (killed, then started again on the same port): it
/// says so, reconnects and resyncs without a reload.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ReconnectTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    [Fact]
    public async Task The_page_shows_reconnecting_during_a_host_restart_then_resyncs_without_a_reload()
    {
        var station = TestStation.Water("RestartPark", "Restart test WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Operator.Name, TestUsers.Operator.Password);
        await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 33 });
        await Expect(page.TileValue(station.Station, "COD")).ToHaveTextAsync("33");
        // Survives only if the page is never reloaded.
        await page.Page.EvaluateAsync("() => { window.__sameDocument = 'yes'; }");
        var snapshots = int.Parse(await page.Connection.GetAttributeAsync("data-snapshots") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        await host.KillAsync();
        await Expect(page.Connection).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 20_000 });
        await Expect(page.Connection).ToContainTextAsync("Đang kết nối lại");
        await Expect(page.Page.Locator("#paused")).ToBeVisibleAsync();

        await host.StartAgainAsync();
        await page.ExpectConnectedAsync(60_000);
        await Expect(page.Page.Locator("#paused")).ToBeHiddenAsync();
        await Expect(page.Connection).ToHaveAttributeAsync("data-snapshots", (snapshots + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("yes", await page.Page.EvaluateAsync<string>("() => window.__sameDocument"));

        // Live again: a new reading shows within 2 s.
        await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 44 });
        await Expect(page.TileValue(station.Station, "COD")).ToHaveTextAsync("44");
        Assert.Empty(page.ScriptErrors);
    }
}
