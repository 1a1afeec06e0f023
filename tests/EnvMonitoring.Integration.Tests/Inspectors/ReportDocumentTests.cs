using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>
/// The compliance report as the document an inspector signs (issue #16): Vietnamese by default,
/// the facility's names with diacritics, A4, and the same counts in the HTML page and the PDF as
/// the test computes from the readings it writes — calibration, a gap, a local-day-mean alert and
/// three Decree 45 tiers — with no English word or internal code in the Vietnamese text.
/// </summary>
public sealed partial class ReportDocumentTests(InspectorFixture fixture) : IClassFixture<InspectorFixture>
{
    private const string Station = InspectorHostFixture.NamedStation;
    private const double Limit = 100;

    /// <summary>Words and codes that must not appear in the Vietnamese document.</summary>
    private static readonly string[] English =
    [
        "column", "water", "report", "limit", "exceed", "valid", "from1point1", "from1point5", "from2", "SELECT", "FROM ", "localDayMean",
        "riverDrySeasonFlowM3PerS", "dischargeM3PerDay", "docs/", "DOMAIN.md", "rollup", "alert", "calibrat", "station", "mean", "none",
    ];

    private static readonly string[] Tiers = ["warning", "from1point1", "from1point5", "from2", "from3", "from5", "from10"];

    private static readonly Dictionary<string, string> TierLabels = new()
    {
        ["warning"] = "Vượt dưới 1,1 lần",
        ["from1point1"] = "Vượt từ 1,1 đến dưới 1,5 lần",
        ["from1point5"] = "Vượt từ 1,5 đến dưới 2 lần",
        ["from2"] = "Vượt từ 2 đến dưới 3 lần",
        ["from3"] = "Vượt từ 3 đến dưới 5 lần",
        ["from5"] = "Vượt từ 5 đến dưới 10 lần",
        ["from10"] = "Vượt từ 10 lần trở lên",
    };

    [Fact]
    public async Task The_Vietnamese_report_as_html_and_as_an_A4_pdf_gives_the_counts_computed_from_the_data()
    {
        var readings = ReportScenario.Readings(Station);
        await fixture.StoreAsync(readings);
        // A local-day mean's event carries the end of the day it judges: this one judges day 3.
        await AppendAlertAsync(Station, ReportScenario.Day(4), RuleKind.LocalDayMean, 910_001);
        await AppendAlertAsync(Station, ReportScenario.Day(1).AddHours(10), RuleKind.Instantaneous, 910_002);
        await AppendAlertAsync(Station, ReportScenario.Day(ReportScenario.Days).AddHours(3), RuleKind.Instantaneous, 910_003);
        var expected = Expected(readings.Where(r => r.Code == "COD").ToList(), alerts: 2);

        var (json, jsonSha) = await GetAsync("json");
        var (htmlBytes, htmlSha) = await GetAsync("html");
        var (pdf, pdfSha) = await GetAsync("pdf");
        var html = HtmlText(Encoding.UTF8.GetString(htmlBytes));
        var pdfText = await PdfTextAsync(pdf);

        // The data's SHA-256: recomputed here from the JSON, the same in every format, printed in both documents.
        var data = JsonNode.Parse(json)!.AsObject();
        data.Remove("generatedAt");
        data.Remove("generatedBy");
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data.ToJsonString(new JsonSerializerOptions(JsonSerializerDefaults.Web)))));
        Assert.Equal([sha, sha, sha], new[] { jsonSha, htmlSha, pdfSha });

        foreach (var (name, text) in new[] { ("html", html), ("pdf", pdfText) })
        {
            Assert.True(text.Contains(sha, StringComparison.Ordinal), $"{name} prints the SHA-256");
            foreach (var title in new[] { "BÁO CÁO KẾT QUẢ QUAN TRẮC NƯỚC THẢI", "Thông tin chung", "Tổng hợp kết quả", "Cảnh báo trong kỳ", "NGƯỜI LẬP BÁO CÁO", "THỦ TRƯỞNG ĐƠN VỊ" })
            {
                Assert.True(text.Contains(title, StringComparison.Ordinal), $"{name} has '{title}'");
            }

            Assert.True(text.Contains(InspectorHostFixture.Facility, StringComparison.Ordinal), $"{name} names the facility");
            Assert.True(text.Contains(InspectorHostFixture.ParkName, StringComparison.Ordinal), $"{name} names the park");
            Assert.True(text.Contains("Giấy phép môi trường số 123/GPMT-UBND", StringComparison.Ordinal), $"{name} names the permit");
            foreach (var word in English)
            {
                Assert.False(text.Contains(word, StringComparison.OrdinalIgnoreCase), $"{name} says '{word}'");
            }

            var cod = Section(text, "Nhu cầu oxy hóa học (COD)");
            Assert.Equal(expected.Expected, Fact(cod, "Số bản ghi dự kiến"));
            Assert.Equal(expected.Valid, Fact(cod, "Số bản ghi đạt yêu cầu"));
            Assert.Equal(expected.Calibrating, Fact(cod, "Loại trừ: đang hiệu chuẩn"));
            Assert.Equal(expected.Fault, Fact(cod, "Loại trừ: lỗi thiết bị"));
            Assert.Equal(expected.Invalid, Fact(cod, "Loại trừ: giá trị bất thường"));
            Assert.Equal(expected.GapHours, Fact(cod, "Số giờ mất dữ liệu"));
            foreach (var tier in Tiers)
            {
                Assert.True(expected.Tiers[tier] == Fact(cod, TierLabels[tier]), $"{name}: {tier}");
            }

            Assert.Equal(expected.Tiers.Values.Sum(), Fact(cod, "Tổng số lần vượt"));
            Assert.True(Regex.IsMatch(cod, $@"Ngày đủ dữ liệu / ngày có số liệu\s+{expected.CountedDays}\s*/\s*{expected.Days}\b"), $"{name}: counted days in:\n{cod}");
            foreach (var (from, to, records) in expected.Calibrations)
            {
                Assert.True(Regex.IsMatch(cod, $@"{Regex.Escape(from)}\s+{Regex.Escape(to)}\s+{records}\b"), $"{name}: calibration {from}–{to} ({records})");
            }

            foreach (var (from, to, hours) in expected.Gaps)
            {
                Assert.True(Regex.IsMatch(cod, $@"{Regex.Escape(from)}\s+{Regex.Escape(to)}\s+{hours}\b"), $"{name}: gap {from}–{to}");
            }

            Assert.Equal(expected.Alerts, Fact(text, "Số sự kiện cảnh báo"));
            Assert.True(text.Contains($"ngày {ReportScenario.Day(3):dd/MM/yyyy}", StringComparison.Ordinal), $"{name}: the local-day-mean alert is filed under the day it judges");
        }

        // A4: the page size, and the page rendered to an image of A4's proportions.
        var file = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(file + ".pdf", pdf);
        try
        {
            var info = await Poppler.RunAsync("pdfinfo", file + ".pdf");
            var size = SizeLine().Match(info);
            Assert.True(size.Success, info);
            Assert.Equal(595, Math.Round(double.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture)));
            Assert.Equal(842, Math.Round(double.Parse(size.Groups[2].Value, CultureInfo.InvariantCulture)));
            await Poppler.RunAsync("pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile", file + ".pdf", file);
            var png = await File.ReadAllBytesAsync(file + ".png");
            Assert.Equal((byte)'P', png[1]);
            var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
            var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
            Assert.InRange(width, 594, 596);
            Assert.InRange(height, 841, 843);
        }
        finally
        {
            File.Delete(file + ".pdf");
            File.Delete(file + ".png");
        }
    }

    [Fact]
    public async Task English_on_request_keeps_the_figures()
    {
        await fixture.StoreAsync(ReportScenario.Readings(Station));

        using var response = await fixture.Inspector.GetAsync(new Uri(Url("html") + "&lang=en", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("General information", html, StringComparison.Ordinal);
        Assert.Contains("@page{size:A4", html, StringComparison.Ordinal);
        Assert.Contains(InspectorHostFixture.Facility, html, StringComparison.Ordinal);
    }

    private static string Url(string format) =>
        $"/api/reports/compliance?station={Station}&from={ReportScenario.Day(0):yyyy-MM-dd}&to={ReportScenario.Day(ReportScenario.Days):yyyy-MM-dd}&format={format}";

    private async Task<(byte[] Body, string Sha)> GetAsync(string format)
    {
        using var response = await fixture.Inspector.GetAsync(new Uri(Url(format), UriKind.Relative));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        return (body, Assert.Single(response.Headers.GetValues("X-Report-Sha256")));
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            return await Poppler.RunAsync("pdftotext", "-layout", "-enc", "UTF-8", file, "-");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The page's text: no style, a space between cells, a line per row or paragraph.</summary>
    private static string HtmlText(string html)
    {
        var text = Regex.Replace(html, "<style>.*?</style>|<title>.*?</title>", "", RegexOptions.Singleline);
        text = Regex.Replace(text, "</(tr|p|h2|h3|figcaption)>", "\n");
        text = Regex.Replace(text, "</t[hd]>", "  ");
        return WebUtility.HtmlDecode(Regex.Replace(text, "<[^>]+>", ""));
    }

    /// <summary>From a parameter's heading to the next heading of the same level.</summary>
    private static string Section(string text, string parameter)
    {
        var start = Regex.Match(text, @"3\.\d+\. " + Regex.Escape(parameter));
        Assert.True(start.Success, $"no section for {parameter}");
        var end = Regex.Match(text[(start.Index + start.Length)..], @"(3\.\d+\. |4\. Cảnh báo)");
        return end.Success ? text.Substring(start.Index, start.Length + end.Index) : text[start.Index..];
    }

    /// <summary>The number on a fact's line, read in Vietnamese format (1.234,5).</summary>
    private static double Fact(string text, string label)
    {
        var match = Regex.Match(text, Regex.Escape(label) + @"\s+(−?[\d.]+(?:,\d+)?)(?!\s*/)");
        Assert.True(match.Success, $"no fact '{label}' in:\n{text}");
        return double.Parse(match.Groups[1].Value.Replace(".", "", StringComparison.Ordinal).Replace(',', '.').Replace('−', '-'), CultureInfo.InvariantCulture);
    }

    /// <summary>What the report must say about COD, worked out from the readings written.</summary>
    private static Expectation Expected(List<StoredReading> cod, int alerts)
    {
        var from = ReportScenario.Day(0);
        var to = ReportScenario.Day(ReportScenario.Days);
        var tiers = Tiers.ToDictionary(t => t, _ => 0.0);
        var counted = 0;
        var days = 0;
        for (var day = from; day < to; day = day.AddDays(1))
        {
            var of = cod.Where(r => r.Time >= day && r.Time < day.AddDays(1)).ToList();
            var valid = of.Where(r => r.IsValid).Select(r => r.Value).ToList();
            if (of.Count == 0)
            {
                continue;
            }

            days++;
            if (valid.Count < 0.75 * 288)
            {
                continue;
            }

            counted++;
            var multiple = valid.Average() / Limit;
            double[] edges = [1, 1.1, 1.5, 2, 3, 5, 10];
            var tier = Array.FindLastIndex(edges, e => multiple >= e && (e > 1 || multiple > 1));
            if (tier >= 0)
            {
                tiers[Tiers[tier]]++;
            }
        }

        var hours = Enumerable.Range(0, (int)(to - from).TotalHours).Select(h => from.AddHours(h)).ToList();
        var empty = hours.Where(h => !cod.Any(r => r.Time >= h && r.Time < h.AddHours(1))).ToList();
        var calibratingHours = hours.Select(h => (Hour: h, Records: cod.Count(r => r.Status == 1 && r.Time >= h && r.Time < h.AddHours(1)))).Where(x => x.Records > 0).ToList();
        return new Expectation(
            Expected: (to - from).TotalMinutes / 5,
            Valid: cod.Count(r => r.IsValid),
            Calibrating: cod.Count(r => r.Status == 1),
            Fault: cod.Count(r => r.Status == 2),
            Invalid: cod.Count(r => r.Status == 0 && !r.IsValid),
            GapHours: empty.Count,
            Days: days,
            CountedDays: counted,
            Tiers: tiers,
            Calibrations: Runs(calibratingHours.Select(x => x.Hour).ToList()).Select(run =>
                (D(run.From), D(run.To), (long)calibratingHours.Where(x => x.Hour >= run.From && x.Hour < run.To).Sum(x => x.Records))).ToList(),
            Gaps: Runs(empty).Select(run => (D(run.From), D(run.To), (int)(run.To - run.From).TotalHours)).ToList(),
            Alerts: alerts);
    }

    private static List<(DateTimeOffset From, DateTimeOffset To)> Runs(List<DateTimeOffset> hours)
    {
        var runs = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var hour in hours.Order())
        {
            if (runs.Count > 0 && runs[^1].To == hour)
            {
                runs[^1] = (runs[^1].From, hour.AddHours(1));
            }
            else
            {
                runs.Add((hour, hour.AddHours(1)));
            }
        }

        return runs;
    }

    private static string D(DateTimeOffset time) => time.ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private async Task AppendAlertAsync(string station, DateTimeOffset measuredAt, RuleKind rule, long sequence)
    {
        var store = fixture.Cloud.Services.GetRequiredService<AlertEventStore>();
        store.Append(InspectorHostFixture.Park, new AlertEvent
        {
            Sequence = sequence,
            AlertId = new AlertId($"{station}/COD/{rule}/{sequence}"),
            Cause = new AlertCause(station, "COD", rule),
            Kind = AlertEventKind.Opened,
            Severity = Severity.From2,
            Multiple = 2.5,
            Value = 250,
            LimitMax = Limit,
            MeasuredAt = measuredAt,
            At = measuredAt.AddMinutes(15),
            OpenedAt = measuredAt,
            ClearAfter = TimeSpan.Zero,
        });
        await Eventually.UntilAsync(() => store.Backlog == 0, TimeSpan.FromSeconds(10), "the alert event store wrote the event");
    }

    [GeneratedRegex(@"Page size:\s+([\d.]+) x ([\d.]+) pts")]
    private static partial Regex SizeLine();

    private sealed record Expectation(
        double Expected, double Valid, double Calibrating, double Fault, double Invalid, double GapHours, int Days, int CountedDays,
        Dictionary<string, double> Tiers, List<(string From, string To, long Records)> Calibrations, List<(string From, string To, int Hours)> Gaps, double Alerts);
}
