using EnvMonitoring.Cloud.Reports;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Tests.Reports;

/// <summary>
/// The printed report cites a station's limit in words, from the limits the rules resolve: the
/// regulation, its column and each coefficient with what determined it — never the inputs' codes.
/// </summary>
public sealed class ReportDocumentTests
{
    private static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, ProvinceTime.Offset);

    [Fact]
    public void A_regulation_limit_is_cited_with_its_column_and_coefficients_in_words()
    {
        var limits = StationLimits.Resolve(RegulationLibrary.Default, new LimitDeclaration
        {
            Regulation = "QCVN 40:2011/BTNMT",
            Column = "A",
            Site = SiteInputs.ForWastewater(1200).WithRiver(30),
        });
        var cod = limits.Single(l => l.Parameter.Code == "COD");

        var vi = Text(ReportTexts.Vietnamese, cod);
        var en = Text(ReportTexts.English, cod);

        Assert.Contains("≤ 67,5 mg/L — QCVN 40:2011/BTNMT, cột A; Cmax = C × Kq × Kf; Kq = 0,9 (lưu lượng sông tiếp nhận mùa kiệt 30 m³/s); Kf = 1,0 (lưu lượng xả thải 1.200 m³/ngày đêm)", vi, StringComparison.Ordinal);
        Assert.Contains("≤ 67.5 mg/L — QCVN 40:2011/BTNMT, column A; Cmax = C × Kq × Kf; Kq = 0.9 (receiving river's dry-season flow 30 m³/s); Kf = 1.0 (discharge 1,200 m³/day)", en, StringComparison.Ordinal);
        foreach (var code in new[] { "riverDrySeasonFlowM3PerS", "dischargeM3PerDay", "column", "water", "limit" })
        {
            Assert.DoesNotContain(code, vi, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void A_stack_zone_is_said_in_words()
    {
        var limits = StationLimits.Resolve(RegulationLibrary.Default, new LimitDeclaration
        {
            Regulation = "QCVN 19:2009/BTNMT",
            Column = "B",
            Site = SiteInputs.ForStack(50_000, "industrial"),
        });

        var vi = Text(ReportTexts.Vietnamese, limits.Single(l => l.Parameter.Code == "Dust"));

        Assert.Contains("Kv = 1,0 (khu công nghiệp, đô thị loại V)", vi, StringComparison.Ordinal);
        Assert.Contains("Kp = 0,9 (lưu lượng khí thải 50.000 m³/h)", vi, StringComparison.Ordinal);
        Assert.DoesNotContain("industrial", vi, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_still_to_verify_are_said_once_per_regulation_not_on_each_value()
    {
        var limits = StationLimits.Resolve(RegulationLibrary.Default, new LimitDeclaration
        {
            Regulation = "QCVN 40:2011/BTNMT",
            Column = "A",
            Site = SiteInputs.ForWastewater(1200).WithRiver(30),
        }).Where(l => l.Parameter.Code is "COD" or "TSS" or "NH4").ToArray();
        var toVerify = limits.Count(l => l.ToVerify);

        var vi = Text(ReportTexts.Vietnamese, limits);

        Assert.True(toVerify >= 2, $"the test needs two limits of one regulation still to verify ({toVerify})");
        Assert.Equal(1, vi.Split("Các giá trị giới hạn theo QCVN 40:2011/BTNMT trong báo cáo này còn cần đối chiếu").Length - 1);
        Assert.Equal(1, vi.Split("cần đối chiếu").Length - 1);
    }

    /// <summary>The HTML text of a report with <paramref name="limits"/> and no data.</summary>
    private static string Text(ReportTexts texts, params ParameterLimit[] limits)
    {
        var parameters = limits.Select(limit => new ParameterReport(
            limit.Parameter.Code, limit.Parameter.Name, limit.Parameter.Unit, ComplianceReportBuilder.LimitOf(limit), 288, 0, 0, new ReportExclusions(0, 0, 0, 0), 0, 0,
            new Dictionary<string, int> { ["warning"] = 0 }, 0, null, null, [], [])).ToList();
        var report = new ComplianceReport(
            "ST-01", "P1", "ST-01", limits[0].Parameter.Medium == Protocol.Catalog.Medium.Air ? "air" : "water", From, From.AddDays(1), From, "tester", 300, 0.75, "localDayMean", "x",
            parameters, [], null, []);
        return ReportHtml.Render(ReportDocumentBuilder.Build(report, texts, new string('a', 64), "Thái Nguyên"));
    }
}
