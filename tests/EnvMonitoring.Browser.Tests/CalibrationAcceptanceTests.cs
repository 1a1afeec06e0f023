using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// Issue 19's acceptance for remote calibration: an operator starts calibration of pH on the station
/// page; the command reaches a real node process (simulated probes) through a real gateway process
/// signed in to the cloud broker with its own credentials; the node's next samples carry pH status 1,
/// the page shows pH calibrating, and pH far beyond its limit during the window opens no alert —
/// until the operator ends calibration in the browser, when the same readings do.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class CalibrationAcceptanceTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    private const string GatewayId = "calacc-gw-01";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Calibration_started_in_the_browser_reaches_the_node_whose_calibrating_pH_beyond_its_limit_opens_no_alert_until_ended()
    {
        var station = TestStation.Water("CalAccPark", "Calibrated by the node");
        // Only the gateway's own identity on the broker (the host's station publisher, unused here, stays anonymous).
        var credentials = TestBrokerClient.Settings([TestBrokerClient.ForGateway(station.Park, GatewayId)], "__");
        // pH (limit 5.5–9) climbs towards 14 from 35 s after the node starts, over 24 s, and stays there a minute:
        // by then the window is open, as the test checks before the climb.
        var scenario = Path.Combine(Path.GetTempPath(), $"envmon-calibration-acceptance-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(scenario, $$"""
            { "incidents": [ { "kind": "Excursion", "station": "{{station.Station}}", "parameter": "pH", "target": 14, "start": "00:00:35", "duration": "00:02:00" } ] }
            """);
        try
        {
            await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log, credentials);
            await using var page = await chromium.OpenAsync(host.BaseAddress);
            await page.SignInAsync(TestUsers.Operator.Name, TestUsers.Operator.Password);
            await using var gateway = await GatewayProcess.StartAsync(station.Park, GatewayId, host.Process.Settings.BrokerPort);
            await using var node = NodeProcess.Start(station.Park, station.Station, gateway.Port, TimeSpan.FromSeconds(1), new Dictionary<string, string>
            {
                ["Node:SampleInterval"] = "00:00:00.250",
                ["Node:Simulator:Scenario"] = scenario,
            });

            await Expect(page.Tile(station.Station)).Not.ToHaveAttributeAsync("data-state", "nodata", new() { Timeout = 60_000 });
            await page.Tile(station.Station).ClickAsync();
            var panel = page.Page.Locator("section.calibration");
            await Expect(page.Page.Locator("#calibration-now")).ToHaveTextAsync("Không có thông số nào đang hiệu chuẩn.");
            await page.Page.Locator("#calibration-param-pH").CheckAsync();
            await page.Page.Locator("#calibration-minutes").FillAsync("15");
            await page.Page.Locator("#calibration-start").ClickAsync();

            // What the node reports, not what was sent: the page and the live view show pH status 1.
            await Expect(panel).ToHaveAttributeAsync("data-calibrating", "pH", new() { Timeout = 30_000 });
            await Expect(page.Page.Locator("#calibration-now")).ToHaveTextAsync("Đang hiệu chuẩn: pH");
            var calibrating = await ValueAsync(host, station, "pH", v => Status(v) == 1, "the node's next samples carry pH status 1");
            Assert.Equal("calibrating", calibrating.GetProperty("state").GetString());
            Assert.True(calibrating.GetProperty("value").GetDouble() <= 9, "the window opened before pH climbed: the test's premise");
            Assert.Equal(0, Status(await ValueAsync(host, station, "COD", _ => true, "COD is reported, measuring")));

            // The climb, while calibrating: the live view is written by the rules loop, so these readings were judged.
            await ValueAsync(host, station, "pH", v => Status(v) == 1 && v.GetProperty("value").GetDouble() > 10, "pH far beyond 9 arrives, still calibrating");
            Assert.DoesNotContain("pH", await OpenAlertParametersAsync(host, station));

            // The operator ends the window in the browser: the same readings, now measuring, open the alert held back.
            await page.Page.Locator("#calibration-end").ClickAsync();
            await Expect(panel).ToHaveAttributeAsync("data-calibrating", "", new() { Timeout = 30_000 });
            await ValueAsync(host, station, "pH", v => Status(v) == 0 && v.GetProperty("value").GetDouble() > 9, "pH is measured again after the end");
            await Eventually.UntilAsync(async () => (await OpenAlertParametersAsync(host, station)).Contains("pH"), Wait, "pH beyond its limit opens an alert once calibration ended");
            Assert.Empty(page.ScriptErrors);
        }
        finally
        {
            File.Delete(scenario);
        }
    }

    private static int Status(JsonElement value) => value.GetProperty("status").GetInt32();

    /// <summary>The station's latest <paramref name="parameter"/> in the live view (GET /api/stations), once it matches.</summary>
    private static Task<JsonElement> ValueAsync(DashboardHost host, TestStation station, string parameter, Func<JsonElement, bool> match, string because) =>
        Eventually.ValueAsync<JsonElement>(async () =>
        {
            var stations = await host.Http.GetFromJsonAsync<JsonElement>(new Uri("api/stations", UriKind.Relative));
            var entry = stations.EnumerateArray().Single(s => s.GetProperty("station").GetString() == station.Station);
            return entry.GetProperty("live") is { ValueKind: JsonValueKind.Object } live && live.GetProperty("values").TryGetProperty(parameter, out var value) && match(value)
                ? value
                : null;
        }, Wait, because);

    private static async Task<List<string>> OpenAlertParametersAsync(DashboardHost host, TestStation station)
    {
        var alerts = await host.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/alerts?station={station.Station}", UriKind.Relative));
        return [.. alerts.EnumerateArray().Select(a => a.GetProperty("parameter").GetString() ?? "")];
    }
}
