using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Notifications.Email;

/// <summary>The words of alert e-mail, Vietnamese and English.</summary>
internal static class AlertWording
{
    /// <summary>What happened to the alert, before the title; none for a new alert.</summary>
    public static Bilingual? Transition(AlertEventKind kind) => kind switch
    {
        AlertEventKind.Opened => null,
        AlertEventKind.Escalated => new("TĂNG MỨC", "Escalated"),
        AlertEventKind.DeEscalated => new("GIẢM MỨC", "De-escalated"),
        AlertEventKind.Cleared => new("ĐÃ HẾT", "Cleared"),
        AlertEventKind.Acknowledged => new("ĐÃ TIẾP NHẬN", "Acknowledged"),
        AlertEventKind.Resolved => new("ĐÃ XỬ LÝ", "Resolved"),
        AlertEventKind.Overdue => new("CHƯA AI XÁC NHẬN", "Not acknowledged"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    /// <summary>The alert's headline: what is wrong, in capitals for Vietnamese as on a control-room board.</summary>
    public static Bilingual Title(RuleKind rule, bool approaching)
    {
        var qualifier = rule switch
        {
            RuleKind.Sustained => new Bilingual(" (KÉO DÀI)", " (sustained)"),
            RuleKind.HourlyMean => new Bilingual(" (TB 1 GIỜ)", " (1-h mean)"),
            RuleKind.DailyMean => new Bilingual(" (TB 24 GIỜ)", " (24-h mean)"),
            RuleKind.LocalDayMean => new Bilingual(" (TB NGÀY)", " (daily mean)"),
            _ => new Bilingual("", ""),
        };
        return rule switch
        {
            RuleKind.Instantaneous or RuleKind.Sustained or RuleKind.HourlyMean or RuleKind.DailyMean or RuleKind.LocalDayMean => approaching
                ? new($"SẮP VƯỢT NGƯỠNG{qualifier.Vi}", $"Approaching limit{qualifier.En}")
                : new($"VƯỢT NGƯỠNG{qualifier.Vi}", $"Exceedance{qualifier.En}"),
            RuleKind.RateOfChange => new("THAY ĐỔI BẤT THƯỜNG", "Rapid change"),
            RuleKind.FlatLine => new("SỐ LIỆU KHÔNG ĐỔI", "Flat line"),
            RuleKind.DeviceFault => new("LỖI THIẾT BỊ", "Device fault"),
            RuleKind.ParameterSilent => new("MẤT SỐ LIỆU", "No data"),
            RuleKind.StationOffline => new("TRẠM MẤT KẾT NỐI", "Station offline"),
            RuleKind.DataConflict => new("SỐ LIỆU BỊ GỬI LẠI KHÁC NỘI DUNG", "Rewrite of stored data refused"),
            _ => new(rule.ToString(), rule.ToString()),
        };
    }

    public static Bilingual Rule(RuleKind rule) => rule switch
    {
        RuleKind.Instantaneous => new("Giá trị tức thời", "Instantaneous value"),
        RuleKind.Sustained => new("Vượt ngưỡng liên tục", "Sustained exceedance"),
        RuleKind.HourlyMean => new("Trung bình 1 giờ", "1-hour mean"),
        RuleKind.DailyMean => new("Trung bình 24 giờ", "24-hour mean"),
        RuleKind.LocalDayMean => new("Trung bình ngày (00:00–24:00)", "Daily mean (local day)"),
        RuleKind.RateOfChange => new("Tốc độ thay đổi", "Rate of change"),
        RuleKind.FlatLine => new("Số liệu không đổi (đầu đo kẹt)", "Flat line (stuck probe)"),
        RuleKind.DeviceFault => new("Thiết bị báo lỗi", "Device fault"),
        RuleKind.ParameterSilent => new("Thông số không gửi số liệu", "Parameter silent"),
        RuleKind.StationOffline => new("Trạm không gửi số liệu", "Station offline"),
        RuleKind.DataConflict => new("Số liệu đã lưu bị gửi lại với nội dung khác", "Stored reading sent again with other content"),
        _ => new(rule.ToString(), rule.ToString()),
    };

    /// <summary>
    /// The level of an event: a range limit's band by value (Decree 45/2022's pH bands, marked
    /// "to verify" while they are), otherwise the tier of the multiple.
    /// </summary>
    public static Bilingual Level(Severity severity, int? band, string? parameter)
    {
        if (band is not { } number || parameter is null)
        {
            return Severity(severity);
        }

        var check = SeverityScale.Default.RangeBandsFor(parameter)?.Confidence.IsToVerify() == true ? new Bilingual(", cần kiểm tra lại", ", to verify") : new Bilingual("", "");
        return new($"{parameter} ngoài khoảng cho phép, mức {number} (Nghị định 45/2022{check.Vi})", $"{parameter} outside its range, band {number} (Decree 45/2022{check.En})");
    }

    /// <summary>Decree 45/2022's tiers as an inspector says them.</summary>
    public static Bilingual Severity(Severity severity) => severity switch
    {
        Rules.Alerts.Severity.None => new("Bình thường", "Normal"),
        Rules.Alerts.Severity.Approaching => new("Sắp vượt ngưỡng", "Approaching the limit"),
        Rules.Alerts.Severity.Warning => new("Vượt dưới 1,1 lần", "Above the limit, below 1.1×"),
        Rules.Alerts.Severity.From1Point1 => new("Vượt từ 1,1 đến dưới 1,5 lần", "1.1× to below 1.5×"),
        Rules.Alerts.Severity.From1Point5 => new("Vượt từ 1,5 đến dưới 2 lần", "1.5× to below 2×"),
        Rules.Alerts.Severity.From2 => new("Vượt từ 2 đến dưới 3 lần", "2× to below 3×"),
        Rules.Alerts.Severity.From3 => new("Vượt từ 3 đến dưới 5 lần", "3× to below 5×"),
        Rules.Alerts.Severity.From5 => new("Vượt từ 5 đến dưới 10 lần", "5× to below 10×"),
        Rules.Alerts.Severity.From10 => new("Vượt từ 10 lần trở lên", "10× and above"),
        _ => new(severity.ToString(), severity.ToString()),
    };
}
