using System.Globalization;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// The inspect page (docs/dashboard.md): an inspector picks station, parameter, period, window and
/// function and sees the stored readings (or their means) in the table, downloads the same query as
/// CSV and exports the evidence ZIP; a viewer is not offered the page.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class InspectPageTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    private static readonly TimeSpan ProvinceOffset = TimeSpan.FromHours(7);

    [Fact]
    public async Task An_inspector_reads_history_downloads_csv_and_exports_and_a_viewer_is_not_offered_the_page()
    {
        var station = TestStation.Water("InspectPark", "Inspect test WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);
        var first = DateTimeOffset.UtcNow.AddSeconds(-3);
        await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 40.5, ["TSS"] = 20 }, measuredAt: first);
        await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 50.5, ["TSS"] = 30 }, measuredAt: first.AddSeconds(1));
        await Eventually.UntilAsync(() => StoredAsync(host, station, first), TimeSpan.FromSeconds(15), "both samples are stored");

        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Inspector.Name, TestUsers.Inspector.Password);
        var nav = page.Page.Locator("#nav-inspect");
        await Expect(nav).ToHaveTextAsync("Tra cứu");
        await nav.ClickAsync();

        await page.Page.Locator("#inspect-station").SelectOptionAsync(station.Station);
        await page.Page.Locator("input[name=param][value=COD]").CheckAsync();
        await page.Page.Locator("#inspect-from").FillAsync(LocalDate(first));
        await page.Page.Locator("#inspect-to").FillAsync(LocalDate(DateTimeOffset.UtcNow));
        await page.Page.Locator("#inspect-window").SelectOptionAsync("raw");
        await page.Page.Locator("#inspect-show").ClickAsync();

        // Raw: both readings, oldest first, in Vietnamese number format; a chart with the limit line.
        var cod = page.Page.Locator("#inspect-table td.num[data-param=COD]");
        await Expect(cod).ToHaveTextAsync(["40,5", "50,5"]);
        await Expect(page.Page.Locator("figure.chart[data-param=COD] .chart-limit")).ToContainTextAsync("100");
        await Expect(page.Page.Locator("figure.chart[data-param=COD] canvas")).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(page.Page, "inspect");

        // Local-day means: one row, the mean of the two readings.
        await page.Page.Locator("#inspect-window").SelectOptionAsync("1d");
        await page.Page.Locator("#inspect-fn").SelectOptionAsync("mean");
        await page.Page.Locator("#inspect-show").ClickAsync();
        await Expect(cod).ToHaveTextAsync(["45,5"]);

        // The CSV of the same query, with the inspector's session.
        var csvHref = await page.Page.Locator("#inspect-csv").GetAttributeAsync("href");
        Assert.NotNull(csvHref);
        Assert.Contains("format=csv", csvHref, StringComparison.Ordinal);
        var csv = await page.Page.APIRequest.GetAsync(csvHref);
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("45.5", await csv.TextAsync(), StringComparison.Ordinal);

        // The compliance report opens as a page of its own.
        var reportHref = await page.Page.Locator("#inspect-report").GetAttributeAsync("href");
        Assert.NotNull(reportHref);
        var report = await page.Page.APIRequest.GetAsync(reportHref);
        Assert.Equal(200, report.Status);
        Assert.StartsWith("text/html", report.Headers["content-type"], StringComparison.Ordinal);

        // And as a PDF to download, in the screen's language.
        var pdfHref = await page.Page.Locator("#inspect-report-pdf").GetAttributeAsync("href");
        Assert.NotNull(pdfHref);
        Assert.Contains("format=pdf", pdfHref, StringComparison.Ordinal);
        var pdf = await page.Page.APIRequest.GetAsync(pdfHref);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await pdf.BodyAsync(), 0, 5), StringComparison.Ordinal);

        // The evidence export runs as a job and ends with a ZIP to download.
        await page.Page.Locator("#inspect-export-start").ClickAsync();
        var zipLink = page.Page.Locator("#inspect-export-file");
        await Expect(zipLink).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var zip = await page.Page.APIRequest.GetAsync(await zipLink.GetAttributeAsync("href") ?? throw new InvalidOperationException("The ZIP link has no href."));
        Assert.Equal(200, zip.Status);
        Assert.Equal("application/zip", zip.Headers["content-type"]);
        Assert.Empty(page.ScriptErrors);

        // A viewer signs in: no inspect entry, and the address alone shows the overview.
        await using var viewer = await chromium.OpenAsync(host.BaseAddress);
        await viewer.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);
        await Expect(viewer.Tile(station.Station)).ToBeVisibleAsync();
        await Expect(viewer.Page.Locator("#nav-inspect")).ToBeHiddenAsync();
        await viewer.Page.GotoAsync("/#/inspect");
        await viewer.ExpectConnectedAsync();
        await Expect(viewer.Tile(station.Station)).ToBeVisibleAsync();
        await Expect(viewer.Page.Locator("form.inspect-form")).ToHaveCountAsync(0);
        Assert.Empty(viewer.ScriptErrors);
    }

    private static string LocalDate(DateTimeOffset at) => at.ToOffset(ProvinceOffset).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static async Task<bool> StoredAsync(DashboardHost host, TestStation station, DateTimeOffset first)
    {
        var from = Uri.EscapeDataString(first.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture));
        using var response = await host.Http.GetAsync(new Uri($"api/history?station={station.Station}&param=COD&from={from}&to={to}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var history = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return history.RootElement.GetProperty("points").GetArrayLength() == 2;
    }
}
