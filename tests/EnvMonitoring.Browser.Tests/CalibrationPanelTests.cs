using System.Buffers;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Commands;
using EnvMonitoring.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// The station page's remote calibration (docs/dashboard.md): an operator starts a window for pH
/// and ends it with the buttons; the real host publishes the command on the station's command
/// topic, where a stand-in for the node (a station wired to the cloud broker) answers with a sample
/// as the node would — pH status 1 while calibrating — and the page shows what the station reports.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class CalibrationPanelTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    [Fact]
    public async Task An_operator_starts_and_ends_calibration_and_the_page_shows_what_the_station_then_reports()
    {
        var station = TestStation.Water("CalPark", "Calibrated WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);
        await host.PublishAsync(station, new Dictionary<string, double> { ["pH"] = 7.2, ["COD"] = 40 });
        using var node = await NodeStandInAsync(host, station);
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Operator.Name, TestUsers.Operator.Password);
        await page.Tile(station.Station).ClickAsync();

        var panel = page.Page.Locator("section.calibration");
        await Expect(page.Page.Locator("#calibration-now")).ToHaveTextAsync("Không có thông số nào đang hiệu chuẩn.");
        await page.Page.Locator("#calibration-param-pH").CheckAsync();
        await page.Page.Locator("#calibration-minutes").FillAsync("15");
        await page.Page.Locator("#calibration-start").ClickAsync();

        await Expect(page.Page.Locator("#calibration-message")).ToContainTextAsync("Đã gửi lệnh hiệu chuẩn pH");
        await Expect(panel).ToHaveAttributeAsync("data-calibrating", "pH", new() { Timeout = 15_000 });
        await Expect(page.Page.Locator("#calibration-now")).ToHaveTextAsync("Đang hiệu chuẩn: pH");
        await Expect(page.Page.Locator("figure.chart[data-param=pH] .chart-calibrating")).ToBeVisibleAsync();
        await Expect(page.Page.Locator("figure.chart[data-param=COD] .chart-calibrating")).ToBeHiddenAsync();
        await Screenshots.TakeAsync(panel, "calibration-panel");

        // In English, and with no parameter chosen: the end covers every channel.
        await page.Page.Locator("button[data-lang=en]").ClickAsync();
        await Expect(page.Page.Locator("#calibration-now")).ToHaveTextAsync("Calibrating now: pH");
        await page.Page.Locator("#calibration-end").ClickAsync();
        await Expect(page.Page.Locator("#calibration-message")).ToContainTextAsync("End of calibration of all parameters sent");
        await Expect(panel).ToHaveAttributeAsync("data-calibrating", "", new() { Timeout = 15_000 });
        await Expect(page.Page.Locator("#calibration-now")).ToHaveTextAsync("No parameter is calibrating.");
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task A_viewer_sees_what_is_calibrating_but_no_buttons()
    {
        var station = TestStation.Water("CalViewPark", "Viewed WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);
        await host.PublishAsync(station, new Dictionary<string, double> { ["pH"] = 7.2, ["COD"] = 40 }, new Dictionary<string, int> { ["pH"] = 1 });
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);
        await page.Tile(station.Station).ClickAsync();

        await Expect(page.Page.Locator("#calibration-now")).ToHaveTextAsync("Đang hiệu chuẩn: pH");
        await Expect(page.Page.Locator("#calibration-start")).ToHaveCountAsync(0);
        Assert.Empty(page.ScriptErrors);
    }

    /// <summary>Answers each command on the station's command topic with a sample, pH status 1 while a window is open.</summary>
    private static async Task<IMqttClient> NodeStandInAsync(DashboardHost host, TestStation station)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += async e =>
        {
            Assert.True(CalibrationCommand.TryParse(e.ApplicationMessage.Payload.ToArray(), ParameterCatalog.Default, out var command, out var problem), problem);
            var status = command!.Active ? 1 : 0;
            await host.PublishAsync(station, new Dictionary<string, double> { ["pH"] = 7.1, ["COD"] = 41 }, new Dictionary<string, int> { ["pH"] = status });
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", host.Process.Settings.BrokerPort)
            .WithClientId($"node-stand-in-{Guid.NewGuid():N}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .Build(), timeout.Token);
        await client.SubscribeAsync($"envmon/{station.Park}/{station.Station}/cmd/calibration", MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        return client;
    }
}
