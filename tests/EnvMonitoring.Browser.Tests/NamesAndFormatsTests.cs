using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// Names people read and Vietnamese formats (docs/dashboard.md, "Names, languages and time"): the
/// park's and the facility's names with diacritics on the overview, the station page and the alert
/// feed; no English word on the Vietnamese screens; dates dd/MM/yyyy and 24 h in a browser set to
/// en-US, and a date typed as dd/MM/yyyy filters the inspect page.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class NamesAndFormatsTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    private const string ParkName = "Khu công nghiệp Điềm Thụy";
    private const string Facility = "Công ty TNHH Dệt may Phổ Yên";
    private const string Permit = "Giấy phép môi trường số 12/GPMT-UBND";
    private static readonly TimeSpan ProvinceOffset = TimeSpan.FromHours(7);

    /// <summary>Words that gave English away on the Vietnamese screens before (issue 16), and their like.</summary>
    private static readonly string[] EnglishWords =
        ["column", "zone", "industrial", "Normal", "limit", "permit", "source", "verify", "Exceeding", "Alert", "Station", "park", "ago", "since"];

    [Fact]
    public async Task Park_and_facility_names_with_diacritics_are_on_the_overview_the_station_page_and_the_alert_feed_with_no_English_word()
    {
        var park = $"NamesPark{Guid.NewGuid().ToString("N")[..4]}";
        var station = TestStation.Water(park, "Trạm nước thải sau xử lý") with
        {
            Facility = Facility,
            PermitNumber = Permit,
            Regulation = new("QCVN 40:2011/BTNMT", "A", new Dictionary<string, string> { ["dischargeM3PerDay"] = "1200", ["riverDrySeasonFlowM3PerS"] = "30" }),
        };
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log,
            [new("Parks__0__Id", park), new("Parks__0__Name", ParkName)]);
        await using var page = await chromium.OpenAsync(host.BaseAddress, locale: "en-US");
        await page.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);

        // COD 150 mg/L against QCVN 40:2011 column A: 75 × Kq 0.9 × Kf 1.0 = 67.5 mg/L.
        var measuredAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddSeconds(-2).ToUnixTimeSeconds());
        await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 150, ["pH"] = 7.2, ["TSS"] = 20, ["NH4"] = 1 }, measuredAt: measuredAt);

        // Overview: the park's heading and the tile's facility.
        var parkSection = page.Page.Locator($"section.park[data-park=\"{park}\"]");
        await Expect(parkSection.Locator(".park-title")).ToContainTextAsync(ParkName);
        await Expect(page.Tile(station.Station).Locator(".tile-facility")).ToHaveTextAsync(Facility);
        await Expect(page.Tile(station.Station)).ToHaveAttributeAsync("data-state", "exceeding", new() { Timeout = 10_000 });

        // The alert feed: facility and park by name, the park filter by name, the time as dd/MM/yyyy HH:mm:ss in UTC+7.
        var alert = page.Alert(station.Station, "COD");
        await Expect(alert.Locator(".alert-place")).ToHaveTextAsync($"{Facility} · {ParkName}", new() { Timeout = 10_000 });
        await Expect(page.Page.Locator($"#filter-park option[value=\"{park}\"]")).ToHaveTextAsync(ParkName);
        var opened = measuredAt.ToOffset(ProvinceOffset).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);
        await Expect(alert.Locator(".alert-meta time")).ToHaveTextAsync($"Bắt đầu {opened}");
        await Expect(alert.Locator(".alert-value")).ToContainTextAsync("giới hạn 67,5 mg/L");
        AssertNoEnglish(await page.Page.Locator("main").InnerTextAsync(), "the overview and the alert feed");

        // The station page: park, facility and permit; each limit's source in Vietnamese words and numbers,
        // a pH range without a dangling unit, and "to verify" said once for the regulation.
        await page.Tile(station.Station).ClickAsync();
        await Expect(page.Page.Locator(".station-head .station-park")).ToHaveTextAsync(ParkName);
        await Expect(page.Page.Locator(".station-head .station-facility")).ToHaveTextAsync($"Cơ sở xả thải: {Facility} · {Permit}");
        await Expect(page.Page.Locator("figure.chart[data-param=COD] .chart-source")).ToHaveTextAsync(
            "Căn cứ: QCVN 40:2011/BTNMT cột A: 75 × Kq 0,9 (lưu lượng sông tiếp nhận mùa kiệt 30 m³/s) × Kf 1 (lưu lượng xả thải 1.200 m³/ngày đêm) = 67,5 mg/L");
        await Expect(page.Page.Locator("figure.chart[data-param=pH] .chart-source")).ToHaveTextAsync("Căn cứ: QCVN 40:2011/BTNMT cột A: 6–9");
        await Expect(page.Page.Locator(".to-verify")).ToHaveTextAsync(["Giới hạn theo QCVN 40:2011/BTNMT còn cần kiểm tra lại."]);
        await Expect(page.Page.Locator("figure.chart[data-param=COD] canvas")).ToHaveCountAsync(1);
        AssertNoEnglish(await page.Page.Locator("main").InnerTextAsync(), "the station page");

        // The English screen stays English.
        await page.Page.Locator("button[data-lang=en]").ClickAsync();
        await Expect(page.Page.Locator("figure.chart[data-param=COD] .chart-source")).ToContainTextAsync("QCVN 40:2011/BTNMT column A: 75 × Kq 0.9 (receiving river's dry-season flow 30 m³/s)");
        await Expect(page.Page.Locator(".station-head .station-park")).ToHaveTextAsync(ParkName);
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task Dates_read_dd_MM_yyyy_in_an_en_US_browser_and_a_date_typed_so_filters_the_inspect_page()
    {
        var station = TestStation.Water("DateFormatPark", "Date format WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);
        var first = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddSeconds(-3).ToUnixTimeSeconds());
        await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 1234.5 }, measuredAt: first);
        await Eventually.UntilAsync(() => StoredAsync(host, station, first), TimeSpan.FromSeconds(15), "the sample is stored");

        await using var page = await chromium.OpenAsync(host.BaseAddress, locale: "en-US");
        await page.SignInAsync(TestUsers.Inspector.Name, TestUsers.Inspector.Password);
        await page.Page.Locator("#nav-inspect").ClickAsync();
        var today = DateTimeOffset.UtcNow.ToOffset(ProvinceOffset).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var from = page.Page.Locator("#inspect-from");
        await Expect(from).ToHaveValueAsync(today);
        await Expect(from).ToHaveAttributeAsync("type", "text");
        await page.Page.Locator("#inspect-station").SelectOptionAsync(station.Station);
        await page.Page.Locator("input[name=param][value=COD]").CheckAsync();

        // Not a date of the calendar: said in Vietnamese, nothing asked of the server.
        await from.FillAsync("31/02/2026");
        await page.Page.Locator("#inspect-show").ClickAsync();
        await Expect(page.Page.Locator(".inspect-result .form-error")).ToHaveTextAsync(
            "Không đọc được ngày \"31/02/2026\": hãy nhập theo dạng ngày/tháng/năm, ví dụ 06/12/2026.");

        // The last day before the first.
        var day = first.ToOffset(ProvinceOffset);
        await from.FillAsync(day.AddDays(1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.Page.Locator("#inspect-to").FillAsync(day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.Page.Locator("#inspect-show").ClickAsync();
        await Expect(page.Page.Locator(".inspect-result .form-error")).ToHaveTextAsync("Ngày kết thúc phải từ ngày bắt đầu trở đi.");

        // The day typed as dd/MM/yyyy: the reading, its time as dd/MM/yyyy HH:mm:ss (UTC+7), the number as 1.234,5 rounds.
        await from.FillAsync(day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.Page.Locator("#inspect-show").ClickAsync();
        await Expect(page.Page.Locator("#inspect-table td.num[data-param=COD]")).ToHaveTextAsync(["1.235"]);
        await Expect(page.Page.Locator("#inspect-table tbody time")).ToHaveTextAsync([day.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture)]);
        Assert.Matches(ClockPattern(), await page.Page.Locator("#clock").InnerTextAsync());
        Assert.Empty(page.ScriptErrors);
    }

    private static void AssertNoEnglish(string text, string where)
    {
        var found = EnglishWords.Where(w => Regex.IsMatch(text, $@"\b{w}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).ToList();
        Assert.True(found.Count == 0, $"English on the Vietnamese {where}: {string.Join(", ", found)}\n{text}");
    }

    private static async Task<bool> StoredAsync(DashboardHost host, TestStation station, DateTimeOffset first)
    {
        var from = Uri.EscapeDataString(first.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture));
        using var response = await host.Http.GetAsync(new Uri($"api/history?station={station.Station}&param=COD&from={from}&to={to}", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("points").GetArrayLength() >= 1;
    }

    [GeneratedRegex(@"^\d{2}:\d{2}:\d{2}$")]
    private static partial Regex ClockPattern();
}
