using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Inspectors;
using EnvMonitoring.Testing;
using static EnvMonitoring.Integration.Tests.Annotations.AnnotationClient;

namespace EnvMonitoring.Integration.Tests.Annotations;

/// <summary>
/// The compliance report before and after an inspector approves: a maintenance period's readings
/// leave the annotated figures (valid N − k, the day's exceedance gone) and a laboratory value
/// replaces the readings of its period, while the original figures and the stored readings stay
/// exactly as written. Every expected number is computed here from the readings the test stores.
/// </summary>
public sealed class AnnotatedReportTests(AnnotationFixture fixture) : IClassFixture<AnnotationFixture>
{
    private const string Station = "REP-02";
    private const double CodLimit = 100;
    private static readonly DateTimeOffset Day = LocalDay(2);
    private static readonly (DateTimeOffset From, DateTimeOffset To) Maintenance = (Day.AddHours(8), Day.AddHours(10));
    private static readonly (DateTimeOffset From, DateTimeOffset To) Laboratory = (Day.AddHours(14), Day.AddHours(15));
    private const double LabPh = 7.5;

    /// <summary>A day at 5 minutes: COD 50 mg/L, 1,000 while the pump was serviced; pH 7, 12 in the hour the lab re-measured.</summary>
    private static List<StoredReading> Readings() =>
        [.. Enumerable.Range(0, 288).Select(i => Day.AddMinutes(5 * i)).SelectMany(t => new[]
        {
            new StoredReading(Station, t, "COD", Within(Maintenance, t) ? 1000 : 50),
            new StoredReading(Station, t, "pH", Within(Laboratory, t) ? 12 : 7),
        })];

    [Fact]
    public async Task Approval_adds_annotated_figures_beside_unchanged_originals_with_counts_computed_from_the_data()
    {
        var readings = Readings();
        await fixture.StoreAsync(readings);
        var cod = readings.Where(r => r.Code == "COD").ToList();
        var ph = readings.Where(r => r.Code == "pH").ToList();
        var n = cod.Count(r => r.IsValid);
        var k = cod.Count(r => Within(Maintenance, r.Time));
        var originalCodMean = cod.Average(r => r.Value);
        var annotatedCodMean = cod.Where(r => !Within(Maintenance, r.Time)).Average(r => r.Value);
        var originalPhMean = ph.Average(r => r.Value);
        var annotatedPhMean = ph.Average(r => Within(Laboratory, r.Time) ? LabPh : r.Value);
        Assert.True(originalCodMean > CodLimit && annotatedCodMean <= CodLimit, "the scenario: the day exceeds only because of the maintenance readings");

        using var operatorClient = fixture.Cloud.ClientFor(TestUsers.Operator);
        using var inspector = fixture.Cloud.ClientFor(TestUsers.Inspector);
        var maintenance = await ProposeAsync(operatorClient, Body(Station, "COD", Maintenance.From, Maintenance.To, "maintenance", "Pump serviced; probe in a bucket"));
        var laboratory = await ProposeAsync(operatorClient, Body(Station, "pH", Laboratory.From, Laboratory.To, "laboratoryValue", "Grab sample, lab report 17/2026", LabPh));

        // Before: both listed as pending, no annotated figures; the originals as written.
        using (var before = await ReportAsync())
        {
            var report = before.RootElement;
            Assert.Equal(["pending", "pending"], report.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("state").GetString()));
            var codBefore = Parameter(report, "COD");
            Assert.False(codBefore.TryGetProperty("annotated", out _));
            Assert.Equal(n, codBefore.GetProperty("valid").GetInt64());
            Assert.Equal(1, codBefore.GetProperty("exceedanceCount").GetInt32());
        }

        await StepOkAsync(inspector, maintenance.GetProperty("id").GetString()!, "approve");
        await StepOkAsync(inspector, laboratory.GetProperty("id").GetString()!, "approve", "Lab report checked");

        using var after = await ReportAsync();
        var root = after.RootElement;
        var codReport = Parameter(root, "COD");
        Assert.Equal(n, codReport.GetProperty("valid").GetInt64());
        Assert.Equal(1, codReport.GetProperty("exceedanceCount").GetInt32());
        Assert.Equal(originalCodMean, codReport.GetProperty("means")[0].GetProperty("mean").GetDouble(), 9);
        Assert.False(codReport.GetProperty("excluded").TryGetProperty("annotated", out _));

        var codAnnotated = codReport.GetProperty("annotated");
        Assert.Equal(n - k, codAnnotated.GetProperty("valid").GetInt64());
        Assert.Equal(k, codAnnotated.GetProperty("excluded").GetProperty("annotated").GetInt64());
        Assert.Equal((double)(n - k) / 288, codAnnotated.GetProperty("completeness").GetDouble(), 9);
        Assert.Equal(annotatedCodMean, codAnnotated.GetProperty("means")[0].GetProperty("mean").GetDouble(), 9);
        Assert.Equal(0, codAnnotated.GetProperty("exceedanceCount").GetInt32());

        var phReport = Parameter(root, "pH");
        Assert.Equal(originalPhMean, phReport.GetProperty("means")[0].GetProperty("mean").GetDouble(), 9);
        Assert.Equal(annotatedPhMean, phReport.GetProperty("annotated").GetProperty("means")[0].GetProperty("mean").GetDouble(), 9);
        Assert.Equal(ph.Count, phReport.GetProperty("annotated").GetProperty("valid").GetInt64());

        var listed = root.GetProperty("annotations").EnumerateArray().ToList();
        Assert.Equal(["approved", "approved"], listed.Select(a => a.GetProperty("state").GetString()));
        Assert.Equal(TestUsers.Inspector.Name, listed[1].GetProperty("decidedBy").GetString());
        Assert.Equal(LabPh, listed[1].GetProperty("value").GetDouble());

        // The stored readings are untouched.
        using (var stored = await fixture.Inspector.GetAsync(new Uri(
            $"/api/readings?station={Station}&param=COD&from={Uri.EscapeDataString(Maintenance.From.ToString("O"))}&to={Uri.EscapeDataString(Maintenance.To.ToString("O"))}", UriKind.Relative)))
        {
            var points = JsonDocument.Parse(await stored.Content.ReadAsStringAsync()).RootElement.GetProperty("readings").EnumerateArray().ToList();
            Assert.Equal(k, points.Count);
            Assert.All(points, p => Assert.Equal(1000, p.GetProperty("value").GetDouble()));
        }

        // The printed report says both, with the numbers above.
        var html = await TextAsync("html&lang=en");
        Assert.Contains("Annotations of the data", html, StringComparison.Ordinal);
        Assert.Contains("Pump serviced; probe in a bucket", html, StringComparison.Ordinal);
        Assert.Contains(Cell(n.ToString("#,##0", CultureInfo.InvariantCulture)) + Cell((n - k).ToString("#,##0", CultureInfo.InvariantCulture)), html, StringComparison.Ordinal);
        Assert.Contains("Laboratory-verified value, value 7.5", html, StringComparison.Ordinal);
        var vi = await TextAsync("html");
        Assert.Contains("Chú thích dữ liệu", vi, StringComparison.Ordinal);
        Assert.Contains("Bảo trì", vi, StringComparison.Ordinal);

        using (var pdf = await fixture.Inspector.GetAsync(new Uri($"/api/reports/compliance?station={Station}&from={Day:yyyy-MM-dd}&to={Day.AddDays(1):yyyy-MM-dd}&format=pdf", UriKind.Relative)))
        {
            Assert.True(pdf.StatusCode == HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        }

        // The evidence export carries the annotations as a file of their own, and the report with both figures.
        var zip = await fixture.Inspector.GetByteArrayAsync(new Uri(
            $"/api/export?station={Station}&from={Uri.EscapeDataString(Day.ToString("O"))}&to={Uri.EscapeDataString(Day.AddDays(1).ToString("O"))}", UriKind.Relative));
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            using var exported = JsonDocument.Parse(archive.GetEntry($"annotations/{Station}.json")!.Open());
            Assert.Equal(
                [(maintenance.GetProperty("id").GetString(), "approved", "maintenance"), (laboratory.GetProperty("id").GetString(), "approved", "laboratoryValue")],
                exported.RootElement.EnumerateArray().Select(a => (a.GetProperty("id").GetString(), a.GetProperty("state").GetString(), a.GetProperty("reason").GetString())));
            using var report = JsonDocument.Parse(archive.GetEntry("report/compliance.json")!.Open());
            Assert.Equal(n - k, Parameter(report.RootElement, "COD").GetProperty("annotated").GetProperty("valid").GetInt64());
        }

        var summary = (await TextAsync("csv&table=summary")).Split('\n');
        var header = summary[0].Split(',');
        var codRow = summary.Single(r => r.StartsWith($"{Station},COD,", StringComparison.Ordinal)).Split(',');
        Assert.Equal((n.ToString(CultureInfo.InvariantCulture), (n - k).ToString(CultureInfo.InvariantCulture), k.ToString(CultureInfo.InvariantCulture)), (
            codRow[Array.IndexOf(header, "valid")], codRow[Array.IndexOf(header, "annotated_valid")], codRow[Array.IndexOf(header, "annotated_excluded")]));
    }

    [Fact]
    public async Task A_stacks_hourly_figures_leave_out_the_hour_of_an_approved_power_outage()
    {
        // Dust 80 mg/Nm³ at 5 minutes, 900 in the hour the power failed (10:00–11:00).
        var outage = (From: Day.AddHours(10), To: Day.AddHours(11));
        var readings = Enumerable.Range(0, 288).Select(i => Day.AddMinutes(5 * i))
            .Select(t => new StoredReading(AnnotationFixture.Stack, t, "Dust", Within(outage, t) ? 900 : 80)).ToList();
        await fixture.StoreAsync(readings);
        var n = readings.Count;
        var k = readings.Count(r => Within(outage, r.Time));
        var hoursOver = readings.GroupBy(r => r.Time.UtcTicks / TimeSpan.TicksPerHour).Count(h => h.Average(r => r.Value) > 200);
        Assert.Equal(1, hoursOver);

        using var operatorClient = fixture.Cloud.ClientFor(TestUsers.Operator);
        var id = (await ProposeAsync(operatorClient, Body(AnnotationFixture.Stack, "Dust", outage.From, outage.To, "powerOutage", "Grid failure, analyser restarting"))).GetProperty("id").GetString()!;
        await StepOkAsync(fixture.Inspector, id, "approve");

        using var response = await fixture.Inspector.GetAsync(new Uri($"/api/reports/compliance?station={AnnotationFixture.Stack}&from={Day:yyyy-MM-dd}&to={Day.AddDays(1):yyyy-MM-dd}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("hourlyMean", json.RootElement.GetProperty("basis").GetString());
        var dust = Parameter(json.RootElement, "Dust");
        Assert.Equal((n, 24, hoursOver), (dust.GetProperty("valid").GetInt64(), dust.GetProperty("countedWindows").GetInt32(), dust.GetProperty("exceedanceCount").GetInt32()));
        var annotated = dust.GetProperty("annotated");
        Assert.Equal((n - k, k, 23, 0), (
            annotated.GetProperty("valid").GetInt64(), annotated.GetProperty("excluded").GetProperty("annotated").GetInt64(),
            annotated.GetProperty("countedWindows").GetInt32(), annotated.GetProperty("exceedanceCount").GetInt32()));
        var hour = annotated.GetProperty("means").EnumerateArray().Single(w => w.GetProperty("start").GetDateTimeOffset() == outage.From);
        Assert.Equal((0, false), (hour.GetProperty("valid").GetInt64(), hour.GetProperty("counted").GetBoolean()));
    }

    [Fact]
    public async Task A_report_without_annotations_has_no_annotation_fields()
    {
        using var response = await fixture.Inspector.GetAsync(new Uri($"/api/reports/compliance?station=REP-01&from={Day:yyyy-MM-dd}&to={Day.AddDays(1):yyyy-MM-dd}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.DoesNotContain("annotat", text, StringComparison.OrdinalIgnoreCase);
    }

    private static bool Within((DateTimeOffset From, DateTimeOffset To) period, DateTimeOffset t) => t >= period.From && t < period.To;

    private static string Cell(string text) => $"<td>{text}</td>";

    private static JsonElement Parameter(JsonElement report, string code) =>
        report.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("parameter").GetString() == code);

    private async Task<JsonDocument> ReportAsync() => JsonDocument.Parse(await TextAsync("json"));

    private async Task<string> TextAsync(string format)
    {
        using var response = await fixture.Inspector.GetAsync(new Uri($"/api/reports/compliance?station={Station}&from={Day:yyyy-MM-dd}&to={Day.AddDays(1):yyyy-MM-dd}&format={format}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return text;
    }
}
