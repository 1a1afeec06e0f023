using System.Globalization;
using System.Net;
using System.Text.Json;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>
/// A compliance report names the seals its days were computed from (the ids <c>GET /api/seals</c>
/// lists) with each day's integrity when it was made, and says plainly, in both languages, when a
/// day's stored data no longer matches its seals.
/// </summary>
public sealed class SealedReportTests(SealingFixture fixture) : IClassFixture<SealingFixture>
{
    [Fact]
    public async Task The_report_names_each_days_seals_and_says_plainly_when_a_day_is_not_intact()
    {
        var day = new SealedDay(fixture, "SIG-04");
        var seals = await day.PublishAndSealAsync();
        var ids = seals.Select(s => s.GetProperty("id").GetString()!).ToList();

        var integrity = Assert.Single((await ReportAsync(day, "json")).GetProperty("integrity").EnumerateArray());
        Assert.Equal(day.Day, integrity.GetProperty("day").GetString());
        Assert.Equal("intact", integrity.GetProperty("verdict").GetString());
        Assert.Equal(ids, integrity.GetProperty("seals").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(SealedDay.Samples, integrity.GetProperty("sealedSamples").GetInt32());
        var vi = await HtmlAsync(day, "vi");
        // The document shows the first and the last version by the first 16 hex digits of their ids.
        Assert.Contains($"v1 {ids[0][..16]}", vi, StringComparison.Ordinal);
        Assert.Contains($"v{ids.Count} {ids[^1][..16]}", vi, StringComparison.Ordinal);
        Assert.Contains("Nguyên vẹn so với niêm phong (1 ngày)", vi, StringComparison.Ordinal);
        Assert.DoesNotContain("KHÔNG NGUYÊN VẸN", vi, StringComparison.Ordinal);

        // A reading changed in InfluxDB behind the system's back.
        var at = day.TimeOf(2);
        await fixture.Influx.WriteAsync(InspectorHostFixture.Database, string.Join('\n', StoredReading.Lines(InspectorHostFixture.Park, [new StoredReading(day.Station, at, "COD", 12.5)])));

        integrity = Assert.Single((await ReportAsync(day, "json")).GetProperty("integrity").EnumerateArray());
        Assert.Equal("tampered", integrity.GetProperty("verdict").GetString());
        Assert.Equal((1, 0, 0), (integrity.GetProperty("altered").GetInt32(), integrity.GetProperty("deleted").GetInt32(), integrity.GetProperty("inserted").GetInt32()));
        Assert.Equal(ids, integrity.GetProperty("seals").EnumerateArray().Select(s => s.GetString()));
        var date = day.Start.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        vi = await HtmlAsync(day, "vi");
        Assert.Contains($"KHÔNG NGUYÊN VẸN: dữ liệu các ngày {date} khác với niêm phong", vi, StringComparison.Ordinal);
        Assert.Contains($"dữ liệu của 1 ngày sau KHÔNG còn nguyên vẹn so với niêm phong: {date}", vi, StringComparison.Ordinal);
        var en = await HtmlAsync(day, "en");
        Assert.Contains($"NOT INTACT: the data of {date} differs from its seals", en, StringComparison.Ordinal);
        Assert.Contains("1 altered, 0 deleted, 0 inserted, 0 seal problems", en, StringComparison.Ordinal);
        Assert.Equal(ids, (await day.SealsAsync()).Select(s => s.GetProperty("id").GetString()));
    }

    private static string Url(SealedDay day, string format, string lang = "vi") =>
        $"/api/reports/compliance?station={day.Station}&from={day.Day}&to={day.Start.AddDays(1):yyyy-MM-dd}&format={format}&lang={lang}";

    private async Task<JsonElement> ReportAsync(SealedDay day, string format)
    {
        using var response = await fixture.Inspector.GetAsync(new Uri(Url(day, format), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> HtmlAsync(SealedDay day, string lang)
    {
        using var response = await fixture.Inspector.GetAsync(new Uri(Url(day, "html", lang), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        // The page's text as people read it (the HTML escapes some characters).
        return WebUtility.HtmlDecode(body);
    }
}
