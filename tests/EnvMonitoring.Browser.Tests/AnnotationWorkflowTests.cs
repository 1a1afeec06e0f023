using System.Globalization;
using System.Text.Json;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// Issue #17, item 4, end to end in the browser (docs/annotations.md): an operator annotates a
/// maintenance period on the station page, an inspector approves it there, and the compliance
/// report shows the original and annotated figures side by side — the counts computed here from
/// the readings the test stored. The page passes the accessibility check at each step.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AnnotationWorkflowTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    private static readonly TimeSpan Local = TimeSpan.FromHours(7);

    [Fact]
    public async Task An_operator_annotates_an_inspector_approves_and_the_report_shows_both_figures()
    {
        var station = TestStation.Water("AnnotPark", "Annotation test WWTP") with { ExpectedInterval = TimeSpan.FromMinutes(5) };
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);

        // Yesterday at 5 minutes: COD 50 mg/L, 1,000 while the probe was out for maintenance (08:00–10:00).
        var now = DateTimeOffset.UtcNow.ToOffset(Local);
        var day = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, Local).AddDays(-1);
        var (from, to) = (day.AddHours(8), day.AddHours(10));
        var readings = Enumerable.Range(0, 288).Select(i => day.AddMinutes(5 * i)).Select(t => (Time: t, Cod: t >= from && t < to ? 1000.0 : 50.0)).ToList();
        var lines = readings.Select(r => string.Create(CultureInfo.InvariantCulture, $"sample,park={station.Park},station={station.Station} COD={r.Cod:R} {r.Time.ToUnixTimeMilliseconds()}"));
        await influx.Server.WriteAsync(host.Process.Settings.Database, string.Join('\n', lines));
        using (var recompute = await host.Http.PostAsync(
            new Uri($"/api/rollups/recompute?station={station.Station}&from={Uri.EscapeDataString(day.ToString("O"))}&to={Uri.EscapeDataString(day.AddDays(1).ToString("O"))}", UriKind.Relative), null))
        {
            Assert.True(recompute.IsSuccessStatusCode, await recompute.Content.ReadAsStringAsync());
        }

        var n = readings.Count;
        var k = readings.Count(r => r.Time >= from && r.Time < to);
        var reportUrl = $"/api/reports/compliance?station={station.Station}&from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}";

        // Before: the original figures only — every reading valid, the day's mean over the limit.
        var before = await ReportAsync(host, reportUrl);
        var codBefore = Cod(before);
        Assert.Equal((n, 1), (codBefore.GetProperty("valid").GetInt64(), codBefore.GetProperty("exceedanceCount").GetInt32()));
        Assert.False(codBefore.TryGetProperty("annotated", out _));

        // The operator annotates on the station page.
        await using (var operatorPage = await chromium.OpenAsync(host.BaseAddress))
        {
            await operatorPage.SignInAsync(TestUsers.Operator.Name, TestUsers.Operator.Password);
            await operatorPage.Page.GotoAsync($"/#/station/{station.Station}");
            var page = operatorPage.Page;
            await Expect(page.Locator("#annotations-title")).ToHaveTextAsync("Chú thích dữ liệu");
            await Expect(page.Locator("#annotation-value")).ToBeHiddenAsync();
            await page.Locator("#annotation-parameter").SelectOptionAsync("COD");
            await page.Locator("#annotation-from-day").FillAsync(day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            await page.Locator("#annotation-fromTime").FillAsync("08:00");
            await page.Locator("#annotation-to-day").FillAsync(day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            await page.Locator("#annotation-toTime").FillAsync("10:00");
            await page.Locator("#annotation-reason").SelectOptionAsync("laboratoryValue");
            await Expect(page.Locator("#annotation-value")).ToBeVisibleAsync();
            await page.Locator("#annotation-reason").SelectOptionAsync("maintenance");
            await Expect(page.Locator("#annotation-value")).ToBeHiddenAsync();
            await page.Locator("#annotation-note").FillAsync("Probe out for maintenance, readings meaningless");
            await AxeCheck.AssertNoSeriousViolationsAsync(page, "station page with the annotation form");
            await page.Locator("#annotation-submit").ClickAsync();

            var item = page.Locator("li.annotation");
            await Expect(item).ToHaveCountAsync(1);
            await Expect(item).ToHaveAttributeAsync("data-state", "pending");
            await Expect(item.Locator(".annotation-state")).ToHaveTextAsync("Chờ duyệt");
            await Expect(item).ToContainTextAsync("Bảo trì");
            // Their own annotation: no approve button, a withdraw one.
            await Expect(item.Locator("button.act-approve")).ToHaveCountAsync(0);
            await Expect(item.Locator("button.act-withdraw")).ToHaveCountAsync(1);
            Assert.Empty(operatorPage.ScriptErrors);
        }

        // The inspector approves on the same page.
        await using (var inspectorPage = await chromium.OpenAsync(host.BaseAddress))
        {
            await inspectorPage.SignInAsync(TestUsers.Inspector.Name, TestUsers.Inspector.Password);
            await inspectorPage.Page.GotoAsync($"/#/station/{station.Station}");
            var page = inspectorPage.Page;
            var item = page.Locator("li.annotation");
            await Expect(item).ToHaveAttributeAsync("data-state", "pending");
            await Expect(page.Locator("form.annotation-form")).ToHaveCountAsync(0);
            await AxeCheck.AssertNoSeriousViolationsAsync(page, "station page with a pending annotation");
            await item.Locator("button.act-approve").ClickAsync();
            await Expect(item).ToHaveAttributeAsync("data-state", "approved");
            await Expect(item).ToContainTextAsync($"Phê duyệt bởi {TestUsers.Inspector.Name}");
            await Screenshots.TakeAsync(page, "annotations");

            // The report the inspector opens: both figures, side by side.
            var html = await (await page.APIRequest.GetAsync(reportUrl + "&format=html&lang=en")).TextAsync();
            Assert.Contains("Annotations of the data", html, StringComparison.Ordinal);
            Assert.Contains("Probe out for maintenance, readings meaningless", html, StringComparison.Ordinal);
            Assert.Contains($"<td>Records accepted</td><td>{n}</td><td>{n - k}</td>", html, StringComparison.Ordinal);
            Assert.Contains($"<td>Excluded: annotated</td><td>0</td><td>{k}</td>", html, StringComparison.Ordinal);
            Assert.Contains("<td>Exceedances in total</td><td>1</td><td>0</td>", html, StringComparison.Ordinal);
            Assert.Empty(inspectorPage.ScriptErrors);
        }

        // After: the originals unchanged, the annotated figures N − k valid and no exceedance.
        var after = Cod(await ReportAsync(host, reportUrl));
        Assert.Equal((n, 1), (after.GetProperty("valid").GetInt64(), after.GetProperty("exceedanceCount").GetInt32()));
        var annotated = after.GetProperty("annotated");
        Assert.Equal((n - k, k, 0), (annotated.GetProperty("valid").GetInt64(), annotated.GetProperty("excluded").GetProperty("annotated").GetInt64(), annotated.GetProperty("exceedanceCount").GetInt32()));
    }

    private static JsonElement Cod(JsonElement report) =>
        report.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("parameter").GetString() == "COD");

    private static async Task<JsonElement> ReportAsync(DashboardHost host, string url)
    {
        using var response = await host.Http.GetAsync(new Uri(url, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
