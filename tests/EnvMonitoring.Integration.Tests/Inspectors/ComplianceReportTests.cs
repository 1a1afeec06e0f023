using System.Globalization;
using System.Net;
using System.Text.Json;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>
/// <c>GET /api/reports/compliance</c> over <see cref="ReportScenario"/>: calibration windows, a
/// fault, invalid readings, a data gap and exceedances in three Decree 45 tiers give exactly the
/// expected counts, completeness and worst cases, as JSON, CSV and HTML.
/// </summary>
public sealed class ComplianceReportTests(InspectorFixture fixture) : IClassFixture<InspectorFixture>
{
    private static string Url(string station, string format = "json", string? table = null) =>
        $"/api/reports/compliance?station={station}&from={ReportScenario.Day(0):yyyy-MM-dd}&to={ReportScenario.Day(ReportScenario.Days):yyyy-MM-dd}&format={format}" +
        (table is null ? "" : $"&table={table}");

    [Fact]
    public async Task A_period_with_calibration_a_fault_a_gap_and_three_tiers_gives_exact_counts()
    {
        const string station = "REP-01";
        await fixture.StoreAsync(ReportScenario.Readings(station));
        var opened = await AppendAlertAsync(station, ReportScenario.Day(4), sequence: 900_001);
        await AppendAlertAsync(station, ReportScenario.Day(-3), sequence: 900_002);

        using var response = await fixture.Inspector.GetAsync(new Uri(Url(station), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var report = json.RootElement;
        Assert.Equal("localDayMean", report.GetProperty("basis").GetString());
        Assert.Equal(ReportScenario.Day(0), report.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(ReportScenario.Day(6), report.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(TestUsers.Inspector.Name, report.GetProperty("generatedBy").GetString());

        AssertScenario(report);

        var alert = Assert.Single(report.GetProperty("alerts").EnumerateArray());
        Assert.Equal(opened.AlertId.Value, alert.GetProperty("alertId").GetString());
        Assert.Equal("opened", alert.GetProperty("event").GetString());
        Assert.Equal("localDayMean", alert.GetProperty("rule").GetString());
        Assert.Equal("from2", alert.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task A_local_day_mean_alert_is_in_the_report_of_the_day_it_judges()
    {
        const string station = "REP-03";
        await fixture.StoreAsync(ReportScenario.Readings(station));
        // The engine gives a local-day mean's events the end of the judged day, i.e. the next midnight.
        var lastDay = ReportScenario.Day(ReportScenario.Days - 1);
        var judged = await AppendAlertAsync(station, lastDay.AddDays(1), sequence: 900_003);

        using var period = await ReportAsync(station, ReportScenario.Day(0), ReportScenario.Day(ReportScenario.Days));
        using var judgedDay = await ReportAsync(station, lastDay, lastDay.AddDays(1));
        using var nextDay = await ReportAsync(station, lastDay.AddDays(1), lastDay.AddDays(2));

        Assert.Equal(judged.AlertId.Value, Assert.Single(period.RootElement.GetProperty("alerts").EnumerateArray()).GetProperty("alertId").GetString());
        Assert.Equal(judged.AlertId.Value, Assert.Single(judgedDay.RootElement.GetProperty("alerts").EnumerateArray()).GetProperty("alertId").GetString());
        Assert.Empty(nextDay.RootElement.GetProperty("alerts").EnumerateArray());
    }

    private async Task<JsonDocument> ReportAsync(string station, DateTimeOffset from, DateTimeOffset to)
    {
        using var response = await fixture.Inspector.GetAsync(new Uri($"/api/reports/compliance?station={station}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body);
    }

    [Fact]
    public async Task The_report_is_also_a_means_csv_a_summary_csv_and_a_printable_page_with_charts()
    {
        const string station = "REP-02";
        await fixture.StoreAsync(ReportScenario.Readings(station));

        var means = await GetTextAsync(Url(station, "csv"), "text/csv");
        var rows = means.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("station,parameter,unit,start,end,mean,", rows[0], StringComparison.Ordinal);
        Assert.Equal(1 + (2 * ReportScenario.Days), rows.Length);
        var day3 = Assert.Single(rows, r => r.StartsWith($"{station},COD,mg/L,{ReportScenario.Day(3).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)},", StringComparison.Ordinal));
        Assert.EndsWith(",true,,100,2.5,from2,upper,", day3, StringComparison.Ordinal);

        var summary = await GetTextAsync(Url(station, "csv", "summary"), "text/csv");
        var header = summary.Split('\n')[0].Split(',');
        var codRow = summary.Split('\n').Single(r => r.StartsWith($"{station},COD,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("3", codRow[Array.IndexOf(header, "exceedances")]);
        Assert.Equal("36", codRow[Array.IndexOf(header, "fault")]);

        var html = await GetTextAsync(Url(station, "html"), "text/html");
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<svg ").Length - 1);
        Assert.Contains("Vượt từ 1,5 đến dưới 2 lần", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://cdn", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The scenario's report as the inspector client gets it.</summary>
    internal static async Task<JsonDocument> GetReportAsync(HttpClient client, string station)
    {
        using var response = await client.GetAsync(new Uri(Url(station), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body);
    }

    [Theory]
    [InlineData("station=REP-01&from=2026-03-01", "to")]
    [InlineData("station=REP-01&from=2026-03-02&to=2026-03-01", "from")]
    [InlineData("station=REP-01&from=2026-03-01&to=2026-03-02&format=docx", "format")]
    [InlineData("station=REP-01&from=2026-03-01&to=2026-03-02&format=pdf&lang=fr", "lang")]
    [InlineData("from=2026-03-01&to=2026-03-02", "station")]
    public async Task A_bad_argument_is_a_400_problem_naming_it(string query, string bad)
    {
        using var response = await fixture.Inspector.GetAsync(new Uri("/api/reports/compliance?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([bad], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task An_unregistered_station_is_a_404()
    {
        using var response = await fixture.Inspector.GetAsync(new Uri("/api/reports/compliance?station=NOPE-01&from=2026-03-01&to=2026-03-02", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>The counts <see cref="ReportScenario"/> must give, whether the report reads rollups or raw data.</summary>
    internal static void AssertScenario(JsonElement report)
    {
        var cod = Parameter(report, "COD");
        Assert.Equal(6 * 288, cod.GetProperty("expected").GetInt64());
        Assert.Equal(276 + 288 + 252 + 282 + 72 + 264, cod.GetProperty("valid").GetInt64());
        Assert.Equal(1434.0 / 1728, cod.GetProperty("completeness").GetDouble(), 12);
        var excluded = cod.GetProperty("excluded");
        Assert.Equal(12 + 24, excluded.GetProperty("calibrating").GetInt64());
        Assert.Equal(36, excluded.GetProperty("fault").GetInt64());
        Assert.Equal(6, excluded.GetProperty("invalid").GetInt64());
        Assert.Equal(6, cod.GetProperty("windows").GetInt32());
        Assert.Equal(5, cod.GetProperty("countedWindows").GetInt32());

        var tiers = cod.GetProperty("exceedances");
        Assert.Equal(
            new Dictionary<string, int> { ["warning"] = 0, ["from1point1"] = 1, ["from1point5"] = 1, ["from2"] = 1, ["from3"] = 0, ["from5"] = 0, ["from10"] = 0 },
            tiers.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));
        Assert.Equal(3, cod.GetProperty("exceedanceCount").GetInt32());

        var means = cod.GetProperty("means").EnumerateArray().ToList();
        Assert.Equal([50, 120, 160, 250, 500, 80], means.Select(m => m.GetProperty("mean").GetDouble()));
        Assert.Equal([true, true, true, true, false, true], means.Select(m => m.GetProperty("counted").GetBoolean()));
        Assert.Equal(["none", "from1point1", "from1point5", "from2", "from5", "approaching"], means.Select(m => m.GetProperty("severity").GetString()));
        Assert.Equal(0.875, means[2].GetProperty("completeness").GetDouble(), 12);

        var worst = cod.GetProperty("maxMultiple");
        Assert.Equal(2.5, worst.GetProperty("multiple").GetDouble(), 12);
        Assert.Equal(ReportScenario.Day(3), worst.GetProperty("start").GetDateTimeOffset());
        var peak = cod.GetProperty("peakReading");
        Assert.Equal(500, peak.GetProperty("value").GetDouble());
        Assert.Equal(5, peak.GetProperty("multiple").GetDouble(), 12);
        Assert.True(peak.GetProperty("exact").GetBoolean());
        Assert.Equal(ReportScenario.Day(4), peak.GetProperty("at").GetDateTimeOffset());

        var gap = Assert.Single(cod.GetProperty("gaps").EnumerateArray());
        Assert.Equal(ReportScenario.Day(4).AddHours(6), gap.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(ReportScenario.Day(5), gap.GetProperty("to").GetDateTimeOffset());

        var ph = Parameter(report, "pH");
        Assert.Equal(5 * 288 + 72, ph.GetProperty("valid").GetInt64());
        Assert.Equal(0, ph.GetProperty("exceedanceCount").GetInt32());
        Assert.Equal(0, ph.GetProperty("excluded").GetProperty("total").GetInt64());
    }

    private static JsonElement Parameter(JsonElement report, string code) =>
        report.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("parameter").GetString() == code);

    private async Task<string> GetTextAsync(string url, string mediaType)
    {
        using var response = await fixture.Inspector.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    /// <summary>Stores an alert transition through the host's own event store and waits until InfluxDB has it.</summary>
    private async Task<AlertEvent> AppendAlertAsync(string station, DateTimeOffset measuredAt, long sequence)
    {
        var store = fixture.Cloud.Services.GetRequiredService<AlertEventStore>();
        var e = new AlertEvent
        {
            Sequence = sequence,
            AlertId = new AlertId($"{station}/COD/LocalDayMean/{sequence}"),
            Cause = new AlertCause(station, "COD", RuleKind.LocalDayMean),
            Kind = AlertEventKind.Opened,
            Severity = Severity.From2,
            Multiple = 2.5,
            Value = 250,
            LimitMax = 100,
            MeasuredAt = measuredAt,
            At = measuredAt.AddMinutes(15),
            OpenedAt = measuredAt,
            ClearAfter = TimeSpan.Zero,
        };
        store.Append(InspectorHostFixture.Park, e);
        await Eventually.UntilAsync(() => store.Backlog == 0, TimeSpan.FromSeconds(10), "the alert event store wrote the event");
        return e;
    }
}
