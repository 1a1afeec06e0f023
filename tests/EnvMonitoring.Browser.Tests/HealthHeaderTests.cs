using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// Issue 15, item 4: the header tells staff in plain Vietnamese when the system itself is broken —
/// InfluxDB stopped shows within 10 s and goes when it is back — and a call that fails meanwhile
/// says what happened in Vietnamese, never the browser's or the server's raw words.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class HealthHeaderTests(Chromium chromium, ITestOutputHelper log)
{
    [Fact]
    public async Task Storage_down_is_said_in_the_header_within_10_s_and_failed_calls_are_translated()
    {
        // An InfluxDB of its own: this test stops it.
        await using var influx = await InfluxServer.StartAsync();
        var station = TestStation.Water("HealthPark", "Health test WWTP");
        await using var host = await DashboardHost.StartAsync(influx, chromium.Certificates, [station], log);
        await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 40 });
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Admin.Name, TestUsers.Admin.Password);
        var health = page.Page.Locator("#health");
        await Expect(health).ToBeHiddenAsync();

        await influx.StopAsync();
        await Expect(health.Locator("[data-problem=storage]")).ToHaveTextAsync("Mất kết nối cơ sở dữ liệu: số liệu mới chưa được lưu", new() { Timeout = 10_000 });
        await Screenshots.TakeAsync(page.Page, "health-storage-down");

        // A call that needs the database says so in Vietnamese (the station's history chart).
        await page.Page.GotoAsync($"/#/station/{station.Station}");
        var status = page.Page.Locator("figure.chart[data-param=COD] .chart-status");
        await Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Không tải được lịch sử: (Cơ sở dữ liệu tạm thời không trả lời|Máy chủ gặp lỗi)"), new() { Timeout = 30_000 });
        // So does the integrity panel the admin sees there (a 503 from GET /api/integrity).
        await Expect(page.Page.Locator("section.integrity .integrity-status")).ToHaveTextAsync(
            "Không kiểm tra được niêm phong: Cơ sở dữ liệu tạm thời không trả lời; số liệu sẽ hiện khi kết nối trở lại.", new() { Timeout = 30_000 });

        await influx.RestartAsync();
        await Expect(health.Locator("[data-problem=storage]")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        Assert.Empty(page.ScriptErrors);
    }
}
