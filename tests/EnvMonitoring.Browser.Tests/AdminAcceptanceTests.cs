using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// Issue 19's acceptance: an admin sets up a park, a station and its gateway in the browser; a real
/// gateway given the credentials shown connects to the cloud broker, a real node reports through it,
/// and the station's readings and its alert (against the limit the form previewed) reach the
/// overview, all on the host as it was started, never restarted.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AdminAcceptanceTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    private const string Park = "AccPark";
    private const string Station = "ACC-WWTP-01";
    private const string Gateway = "acc-gw-01";

    [Fact]
    public async Task A_park_station_and_gateway_set_up_in_the_browser_report_and_alert_against_the_previewed_limit_without_a_restart()
    {
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [TestStation.Water("AccSeed", "Seed WWTP")], log);
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Admin.Name, TestUsers.Admin.Password);
        await page.Page.Locator("#nav-admin").ClickAsync();

        await page.Page.Locator("#admin-new").ClickAsync();
        await page.Page.Locator("#admin-id").FillAsync(Park);
        await page.Page.Locator("#admin-name").FillAsync("KCN Nghiệm thu");
        await page.Page.Locator("#admin-save").ClickAsync();
        await Expect(page.Page.Locator($"#admin-parks tbody tr[data-id={Park}]")).ToBeVisibleAsync();

        // QCVN 40:2011 column B, 1 200 m³/day into a river of 30 m³/s: COD 150 × Kq 0.9 × Kf 1 = 135 mg/L.
        await page.Page.Locator("#admin-tab-stations").ClickAsync();
        await page.Page.Locator("#admin-new").ClickAsync();
        await page.Page.Locator("#admin-park").SelectOptionAsync(Park);
        await page.Page.Locator("#admin-station").FillAsync(Station);
        await page.Page.Locator("#admin-name").FillAsync("Trạm nghiệm thu");
        await page.Page.Locator("#admin-expectedInterval").FillAsync("00:00:05");
        await page.Page.Locator("#admin-param-COD").CheckAsync();
        await page.Page.Locator("#admin-param-pH").CheckAsync();
        await page.Page.Locator("#admin-regulation").SelectOptionAsync("QCVN 40:2011/BTNMT");
        await page.Page.Locator("#admin-column").SelectOptionAsync("B");
        await page.Page.Locator("#admin-site-dischargeM3PerDay").FillAsync("1200");
        await page.Page.Locator("#admin-site-riverDrySeasonFlowM3PerS").FillAsync("30");
        var previewed = page.Page.Locator("#admin-preview li[data-param=COD] .preview-basis");
        await Expect(previewed).ToContainTextAsync("= 135 mg/L", new() { Timeout = 10_000 });
        var preview = await previewed.TextContentAsync();
        await page.Page.Locator("#admin-save").ClickAsync();
        await Expect(page.Page.Locator($"#admin-stations tbody tr[data-id={Station}]")).ToBeVisibleAsync();

        await page.Page.Locator("#admin-tab-gateways").ClickAsync();
        await page.Page.Locator("#admin-new").ClickAsync();
        await page.Page.Locator("#admin-park").SelectOptionAsync(Park);
        await page.Page.Locator("#admin-gateway").FillAsync(Gateway);
        await page.Page.Locator("#admin-save").ClickAsync();
        var username = await page.Page.Locator("#admin-secret-username").TextContentAsync();
        var password = await page.Page.Locator("#admin-secret-password").TextContentAsync();

        // COD climbs to 400 mg/L 20 s after the node starts: its first readings are normal.
        var scenario = Path.Combine(Path.GetTempPath(), $"envmon-acceptance-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(scenario, $$"""
            { "incidents": [ { "kind": "Excursion", "station": "{{Station}}", "parameter": "COD", "target": 400, "start": "00:00:20", "duration": "00:10:00" } ] }
            """);
        try
        {
            await using var gateway = await GatewayProcess.StartAsync(Park, Gateway, host.Process.Settings.BrokerPort, new Dictionary<string, string>
            {
                ["Gateway:Cloud:Username"] = username!,
                ["Gateway:Cloud:Password"] = password!,
            });
            await using var node = NodeProcess.Start(Park, Station, gateway.Port, TimeSpan.FromSeconds(1), new Dictionary<string, string>
            {
                ["Node:SampleInterval"] = "00:00:00.250",
                ["Node:Simulator:Scenario"] = scenario,
            });

            await page.Page.Locator("#nav a[href='#/']").ClickAsync();
            await Expect(page.Tile(Station)).Not.ToHaveAttributeAsync("data-state", "nodata", new() { Timeout = 90_000 });
            var alert = page.Alert(Station, "COD");
            await Expect(alert).ToBeVisibleAsync(new() { Timeout = 120_000 });
            await Expect(alert).ToContainTextAsync("giới hạn 135 mg/L");

            // The limit applied is the one previewed, word for word.
            await page.Tile(Station).ClickAsync();
            await Expect(page.Page.Locator("figure.chart[data-param=COD] .chart-source")).ToHaveTextAsync($"Căn cứ: {preview}");
            Assert.Empty(page.ScriptErrors);
        }
        finally
        {
            File.Delete(scenario);
        }
    }
}
