using EnvMonitoring.Cloud.Notifications;
using EnvMonitoring.Cloud.Notifications.Email;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>Subjects of alert e-mail, as staff read them on a phone.</summary>
public sealed class AlertMailTextTests
{
    [Theory]
    [InlineData(AlertEventKind.Opened, Severity.From1Point5, 1.62, RuleKind.Instantaneous, "COD",
        "[EnvMonitoring] VƯỢT NGƯỠNG ×1.6 COD — YB-WWTP-01 / Exceedance ×1.6 COD — YB-WWTP-01")]
    [InlineData(AlertEventKind.Opened, Severity.Warning, 1.05, RuleKind.HourlyMean, "COD",
        "[EnvMonitoring] VƯỢT NGƯỠNG (TB 1 GIỜ) ×1.05 COD — YB-WWTP-01 / Exceedance (1-h mean) ×1.05 COD — YB-WWTP-01")]
    [InlineData(AlertEventKind.Escalated, Severity.From10, 12.34, RuleKind.Sustained, "COD",
        "[EnvMonitoring] TĂNG MỨC: VƯỢT NGƯỠNG (KÉO DÀI) ×12.3 COD — YB-WWTP-01 / Escalated: Exceedance (sustained) ×12.3 COD — YB-WWTP-01")]
    [InlineData(AlertEventKind.Opened, Severity.Approaching, 0.85, RuleKind.LocalDayMean, "COD",
        "[EnvMonitoring] SẮP VƯỢT NGƯỠNG (TB NGÀY) 85% COD — YB-WWTP-01 / Approaching limit (daily mean) 85% COD — YB-WWTP-01")]
    [InlineData(AlertEventKind.Cleared, Severity.None, 0.4, RuleKind.Instantaneous, "COD",
        "[EnvMonitoring] ĐÃ HẾT: VƯỢT NGƯỠNG COD — YB-WWTP-01 / Cleared: Exceedance COD — YB-WWTP-01")]
    [InlineData(AlertEventKind.Opened, Severity.Warning, null, RuleKind.StationOffline, null,
        "[EnvMonitoring] TRẠM MẤT KẾT NỐI — YB-WWTP-01 / Station offline — YB-WWTP-01")]
    [InlineData(AlertEventKind.Resolved, Severity.None, null, RuleKind.DeviceFault, "pH",
        "[EnvMonitoring] ĐÃ XỬ LÝ: LỖI THIẾT BỊ pH — YB-WWTP-01 / Resolved: Device fault pH — YB-WWTP-01")]
    public void Subject_names_the_transition_the_rule_and_the_size(AlertEventKind kind, Severity severity, double? multiple, RuleKind rule, string? parameter, string expected)
    {
        var notice = Notices.Cod("YenBinh", "YB-WWTP-01", kind, severity, multiple, 5, 4, rule, parameter);

        var text = AlertMailText.For(new Delivery("duty", notice, severity, DateTimeOffset.UnixEpoch));

        Assert.Equal(expected, text.Subject);
    }

    [Fact]
    public void Resolution_names_the_user_and_the_note_and_marks_late_data()
    {
        var e = Notices.Cod("YenBinh", "YB-WWTP-01", AlertEventKind.Resolved, Severity.None, null, 9, 4, user: "Nguyễn Văn An", note: "Đã xử lý <bơm> & kiểm tra").Event;
        var notice = new AlertNotice("YenBinh", "YB-WWTP-01", new AlertEvent
        {
            Sequence = e.Sequence,
            AlertId = e.AlertId,
            Cause = e.Cause,
            Kind = e.Kind,
            Severity = e.Severity,
            MeasuredAt = e.MeasuredAt,
            At = e.MeasuredAt.AddHours(3),
            OpenedAt = e.OpenedAt,
            ClearAfter = e.ClearAfter,
            User = e.User,
            Note = e.Note,
            Late = true,
        });

        var text = AlertMailText.For(new Delivery("duty", notice, Severity.From2, DateTimeOffset.UnixEpoch));

        var plain = text.ToPlainText();
        Assert.Contains("Người thực hiện / By: Nguyễn Văn An", plain, StringComparison.Ordinal);
        Assert.Contains("Ghi chú / Note: Đã xử lý <bơm> & kiểm tra", plain, StringComparison.Ordinal);
        Assert.Contains("Mức cao nhất / Worst level: Vượt từ 2 đến dưới 3 lần / 2× to below 3×", plain, StringComparison.Ordinal);
        Assert.Contains("Dữ liệu đến trễ / Late data: có, phát hiện lúc 30/11/2026 21:10:00 (UTC+7)", plain, StringComparison.Ordinal);
        Assert.Contains("Đã xử lý &lt;bơm&gt; &amp; kiểm tra", text.ToHtml(), StringComparison.Ordinal);
        Assert.DoesNotContain("<bơm>", text.ToHtml(), StringComparison.Ordinal);
    }
}
