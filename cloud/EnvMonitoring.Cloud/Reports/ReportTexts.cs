using System.Globalization;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// Every word and format of the printed report, in Vietnamese (the default: the document is handed
/// to the province's authority) and English, said once for the HTML page and the PDF alike. Numbers
/// read 1.200,5 in Vietnamese and 1,200.5 in English; dates dd/MM/yyyy, 24-hour times.
/// </summary>
internal sealed class ReportTexts
{
    private static readonly NumberFormatInfo VietnameseNumbers = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = ",", PercentGroupSeparator = ".", PercentDecimalSeparator = ",", NegativeSign = "−" };
    private static readonly NumberFormatInfo EnglishNumbers = new() { NumberGroupSeparator = ",", NumberDecimalSeparator = ".", NegativeSign = "−" };

    /// <summary>Label → (Vietnamese, English).</summary>
    private static readonly Dictionary<string, (string Vi, string En)> Labels = new(StringComparer.Ordinal)
    {
        ["nation"] = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ""),
        ["motto"] = ("Độc lập - Tự do - Hạnh phúc", ""),
        ["title.water"] = ("BÁO CÁO KẾT QUẢ QUAN TRẮC NƯỚC THẢI TỰ ĐỘNG, LIÊN TỤC", "AUTOMATIC CONTINUOUS WASTEWATER MONITORING: COMPLIANCE REPORT"),
        ["title.air"] = ("BÁO CÁO KẾT QUẢ QUAN TRẮC KHÍ THẢI TỰ ĐỘNG, LIÊN TỤC", "AUTOMATIC CONTINUOUS STACK EMISSION MONITORING: COMPLIANCE REPORT"),
        ["period.line"] = ("Kỳ báo cáo: từ 00:00 ngày {0} đến 24:00 ngày {1}", "Period: from 00:00 on {0} to 24:00 on {1}"),
        ["s.general"] = ("1. Thông tin chung", "1. General information"),
        ["s.summary"] = ("2. Tổng hợp kết quả", "2. Summary of results"),
        ["s.parameters"] = ("3. Kết quả theo thông số", "3. Results per parameter"),
        ["s.alerts"] = ("4. Cảnh báo trong kỳ", "4. Alerts of the period"),
        ["s.notes"] = ("5. Phương pháp và ghi chú", "5. Method and notes"),
        ["facility"] = ("Cơ sở", "Facility"),
        ["permit"] = ("Giấy phép môi trường", "Environmental permit"),
        ["park"] = ("Khu công nghiệp", "Industrial park"),
        ["station"] = ("Trạm quan trắc", "Monitoring station"),
        ["medium"] = ("Loại quan trắc", "Monitoring of"),
        ["medium.water"] = ("Nước thải", "Wastewater"),
        ["medium.air"] = ("Khí thải", "Stack emissions"),
        ["unknown"] = ("(chưa khai báo)", "(not configured)"),
        ["period"] = ("Kỳ báo cáo", "Period"),
        ["period.value"] = ("{0} – {1} ({2} ngày)", "{0} – {1} ({2} days)"),
        ["basis"] = ("Cơ sở đánh giá", "Judged on"),
        ["basis.localDayMean"] = ("Giá trị trung bình ngày (00:00–24:00 giờ Việt Nam, UTC+7)", "Daily means (00:00–24:00 Vietnam time, UTC+7)"),
        ["basis.hourlyMean"] = ("Giá trị trung bình giờ", "Hourly means"),
        ["interval"] = ("Tần suất ghi nhận dữ liệu", "Expected record interval"),
        ["interval.value"] = ("{0} phút ({1} bản ghi/ngày)", "{0} min ({1} records a day)"),
        ["minimum"] = ("Điều kiện tính giá trị trung bình", "A mean counts with"),
        ["minimum.value"] = ("Đủ ít nhất {0} số bản ghi dự kiến (quy ước của hệ thống, không do văn bản pháp luật quy định)", "At least {0} of the expected records (a platform choice, not law)"),
        ["tiers"] = ("Phân mức vượt", "Severity tiers"),
        ["tiers.value"] = ("Theo số lần vượt quy chuẩn tại Nghị định 45/2022/NĐ-CP", "By the exceedance multiple of Decree 45/2022/ND-CP"),
        ["generated"] = ("Thời điểm lập", "Generated"),
        ["generated.value"] = ("{0}, người lập: {1}", "{0} by {1}"),
        ["parameter"] = ("Thông số", "Parameter"),
        ["limitCol"] = ("Giá trị giới hạn", "Limit"),
        ["completeness"] = ("Độ đầy đủ dữ liệu", "Data completeness"),
        ["daysCounted"] = ("Số ngày đủ dữ liệu / số ngày", "Days counted / days"),
        ["hoursCounted"] = ("Số giờ đủ dữ liệu / số giờ", "Hours counted / hours"),
        ["overCount"] = ("Số lần vượt", "Exceedances"),
        ["worst"] = ("Mức vượt cao nhất", "Worst mean"),
        ["none"] = ("Không có", "None"),
        ["noLimit"] = ("Không quy định", "None set"),
        ["limit"] = ("Giá trị giới hạn áp dụng", "Applicable limit"),
        ["limit.regulation"] = ("{0}, cột {1}", "{0}, column {1}"),
        ["limit.permit"] = ("Theo giấy phép {0}", "By permit {0}"),
        ["limit.formula"] = ("Cmax = C × {0}", "Cmax = C × {0}"),
        ["limit.declared"] = ("do cơ quan có thẩm quyền quy định cho cơ sở", "fixed for the facility by the authority"),
        ["note.toVerify"] = ("Các giá trị giới hạn theo {0} trong báo cáo này còn cần đối chiếu với văn bản gốc.", "The limits of {0} in this report are still to verify against the gazetted text."),
        ["expected"] = ("Số bản ghi dự kiến", "Records expected"),
        ["validRecords"] = ("Số bản ghi đạt yêu cầu", "Records accepted"),
        ["calibrating"] = ("Loại trừ: đang hiệu chuẩn", "Excluded: calibrating"),
        ["fault"] = ("Loại trừ: lỗi thiết bị", "Excluded: device fault"),
        ["invalid"] = ("Loại trừ: giá trị bất thường", "Excluded: implausible value"),
        ["days"] = ("Ngày đủ dữ liệu / ngày có số liệu", "Days counted / days with data"),
        ["hours"] = ("Giờ đủ dữ liệu / giờ có số liệu", "Hours counted / hours with data"),
        ["overTotal"] = ("Tổng số lần vượt", "Exceedances in total"),
        ["gapHours"] = ("Số giờ mất dữ liệu", "Hours without data"),
        ["peak"] = ("Giá trị đo cao nhất so với giới hạn", "Reading furthest beyond the limit"),
        ["peak.hourOnly"] = ("chỉ biết giờ", "hour only"),
        ["chart.legend"] = ("Đường: giá trị trung bình; chấm đỏ: vượt giới hạn; chấm xám: không đủ dữ liệu; nét đứt: giới hạn", "Line: means; red dots: beyond the limit; grey dots: not enough data; dashed: the limit"),
        ["chart.limit"] = ("Giới hạn {0}", "Limit {0}"),
        ["day"] = ("Ngày", "Day"),
        ["hour"] = ("Giờ", "Hour"),
        ["mean"] = ("Trung bình", "Mean"),
        ["min"] = ("Nhỏ nhất", "Min"),
        ["max"] = ("Lớn nhất", "Max"),
        ["counted"] = ("Được đánh giá", "Counted"),
        ["yes"] = ("Có", "Yes"),
        ["no"] = ("Không (thiếu dữ liệu)", "No (too little data)"),
        ["against"] = ("So với giới hạn", "Against the limit"),
        ["tier"] = ("Mức", "Tier"),
        ["windows.over"] = ("Các giờ vượt giới hạn", "Hours beyond the limit"),
        ["gaps"] = ("Khoảng mất dữ liệu", "Data gaps"),
        ["gaps.none"] = ("Không có khoảng mất dữ liệu.", "No data gap."),
        ["gaps.more"] = ("… và {0} khoảng khác.", "… and {0} more."),
        ["calibrations"] = ("Thời gian hiệu chuẩn", "Calibration periods"),
        ["calibrations.none"] = ("Không có bản ghi hiệu chuẩn.", "No calibration record."),
        ["from"] = ("Từ", "From"),
        ["to"] = ("Đến", "To"),
        ["hoursCol"] = ("Số giờ", "Hours"),
        ["records"] = ("Số bản ghi", "Records"),
        ["alertCount"] = ("Số sự kiện cảnh báo", "Alert events"),
        ["alerts.none"] = ("Không có cảnh báo trong kỳ.", "No alert in the period."),
        ["alerts.unavailable"] = ("Không đọc được lịch sử cảnh báo.", "The alert history could not be read."),
        ["when"] = ("Thời điểm", "When"),
        ["rule"] = ("Quy tắc", "Rule"),
        ["event"] = ("Sự kiện", "Event"),
        ["value"] = ("Giá trị", "Value"),
        ["by"] = ("Người xử lý, ghi chú", "By, note"),
        ["late"] = ("(dữ liệu đến muộn)", "(late data)"),
        ["dayOf"] = ("ngày {0}", "day {0}"),
        ["band"] = ("dải {0}", "band {0}"),
        ["times"] = ("{0} lần", "×{0}"),
        ["note.valid"] = ("Bản ghi đạt yêu cầu: trạng thái thiết bị 00 (đang đo) và giá trị hợp lý; bản ghi đang hiệu chuẩn (01), lỗi thiết bị (02) và giá trị bất thường (âm, không phải số) bị loại trừ khỏi mọi giá trị trung bình và được đếm riêng.",
            "Accepted records: device status 00 (measuring) and a plausible value; calibrating (01), device fault (02) and implausible values (negative, not a number) are excluded from every mean and counted apart."),
        ["note.completeness"] = ("Độ đầy đủ dữ liệu = số bản ghi đạt yêu cầu / số bản ghi dự kiến theo tần suất truyền (Thông tư 10/2021/TT-BTNMT).",
            "Completeness = accepted records / records expected at the station's interval (Circular 10/2021/TT-BTNMT)."),
        ["note.gaps"] = ("Khoảng mất dữ liệu: các giờ trọn vẹn không nhận được bản ghi nào của thông số.", "Data gaps: whole hours without any record of the parameter."),
        ["note.alerts"] = ("Cảnh báo theo trung bình ngày được ghi vào ngày được đánh giá.", "A daily-mean alert is listed under the day it judges."),
        ["sha"] = ("Mã kiểm tra SHA-256 của dữ liệu báo cáo", "SHA-256 of the report's data"),
        ["sha.note"] = ("Tính trên dữ liệu gốc của báo cáo (định dạng JSON, không gồm thời điểm lập và người lập); cùng dữ liệu cho cùng một mã, mọi thay đổi số liệu làm mã thay đổi.",
            "Computed over the report's data (its JSON, without the generation time and user): the same data gives the same value, any changed figure changes it."),
        ["signature.placeDate"] = ("{0}, ngày {1:dd} tháng {1:MM} năm {1:yyyy}", "{0}, {1:dd/MM/yyyy}"),
        ["signature.author"] = ("NGƯỜI LẬP BÁO CÁO", "PREPARED BY"),
        ["signature.head"] = ("THỦ TRƯỞNG ĐƠN VỊ", "HEAD OF THE ORGANISATION"),
        ["signature.sign"] = ("(Ký, ghi rõ họ tên)", "(signature and full name)"),
        ["signature.seal"] = ("(Ký tên, đóng dấu)", "(signature and seal)"),
        ["page"] = ("Trang {0}/{1}", "Page {0}/{1}"),
        ["severity.none"] = ("Đạt", "Within"),
        ["severity.approaching"] = ("Gần giới hạn", "Approaching"),
        ["severity.warning"] = ("Vượt dưới 1,1 lần", "Above 1× and below 1.1×"),
        ["severity.from1point1"] = ("Vượt từ 1,1 đến dưới 1,5 lần", "From 1.1× to below 1.5×"),
        ["severity.from1point5"] = ("Vượt từ 1,5 đến dưới 2 lần", "From 1.5× to below 2×"),
        ["severity.from2"] = ("Vượt từ 2 đến dưới 3 lần", "From 2× to below 3×"),
        ["severity.from3"] = ("Vượt từ 3 đến dưới 5 lần", "From 3× to below 5×"),
        ["severity.from5"] = ("Vượt từ 5 đến dưới 10 lần", "From 5× to below 10×"),
        ["severity.from10"] = ("Vượt từ 10 lần trở lên", "10× or more"),
        ["rule.instantaneous"] = ("Giá trị tức thời", "Single reading"),
        ["rule.sustained"] = ("Vượt kéo dài", "Sustained"),
        ["rule.hourlyMean"] = ("Trung bình giờ", "Hourly mean"),
        ["rule.dailyMean"] = ("Trung bình 24 giờ liên tiếp", "Rolling 24-hour mean"),
        ["rule.localDayMean"] = ("Trung bình ngày", "Daily mean"),
        ["rule.rateOfChange"] = ("Thay đổi đột ngột", "Rate of change"),
        ["rule.flatLine"] = ("Giá trị không đổi", "Flat line"),
        ["rule.deviceFault"] = ("Lỗi thiết bị", "Device fault"),
        ["rule.parameterSilent"] = ("Mất tín hiệu thông số", "Parameter silent"),
        ["rule.stationOffline"] = ("Mất kết nối trạm", "Station offline"),
        ["rule.dataConflict"] = ("Xung đột dữ liệu", "Data conflict"),
        ["event.opened"] = ("Phát sinh", "Opened"),
        ["event.escalated"] = ("Tăng mức", "Escalated"),
        ["event.deEscalated"] = ("Giảm mức", "De-escalated"),
        ["event.cleared"] = ("Hết vượt", "Cleared"),
        ["event.acknowledged"] = ("Đã tiếp nhận", "Acknowledged"),
        ["event.resolved"] = ("Đã xử lý", "Resolved"),
        ["event.overdue"] = ("Quá hạn xử lý", "Overdue"),
        ["s.annotations"] = ("6. Chú thích dữ liệu", "6. Annotations of the data"),
        ["annotated.intro"] = ("Số liệu gốc và số liệu sau khi áp dụng chú thích đã được phê duyệt (dữ liệu gốc không thay đổi, mục 6):", "Original figures and figures with approved annotations applied (the stored data is unchanged; section 6):"),
        ["annotated.figure"] = ("Chỉ tiêu", "Figure"),
        ["annotated.original"] = ("Số liệu gốc", "Original"),
        ["annotated.annotated"] = ("Sau chú thích", "Annotated"),
        ["annotated.excluded"] = ("Loại trừ: theo chú thích", "Excluded: annotated"),
        ["annotations.note"] = ("Chỉ chú thích đã được phê duyệt mới được áp dụng; chú thích chờ duyệt, bị từ chối hoặc đã rút chỉ được liệt kê.", "Only approved annotations apply; pending, rejected and withdrawn ones are listed only."),
        ["annotation.period"] = ("Khoảng thời gian", "Period"),
        ["annotation.reason"] = ("Lý do", "Reason"),
        ["annotation.note"] = ("Ghi chú", "Note"),
        ["annotation.value"] = ("giá trị {0}", "value {0}"),
        ["annotation.proposed"] = ("Người đề xuất", "Proposed by"),
        ["annotation.decision"] = ("Quyết định", "Decision"),
        ["reason.maintenance"] = ("Bảo trì", "Maintenance"),
        ["reason.probeFault"] = ("Lỗi đầu đo", "Probe fault"),
        ["reason.calibrationNotReported"] = ("Hiệu chuẩn không báo trạng thái", "Calibration not reported"),
        ["reason.laboratoryValue"] = ("Giá trị phòng thí nghiệm đã kiểm chứng", "Laboratory-verified value"),
        ["reason.powerOutage"] = ("Mất điện", "Power outage"),
        ["state.pending"] = ("Chờ duyệt", "Pending"),
        ["state.approved"] = ("Đã phê duyệt", "Approved"),
        ["state.rejected"] = ("Bị từ chối", "Rejected"),
        ["state.withdrawn"] = ("Đã rút", "Withdrawn"),
        ["param.pH"] = ("pH", "pH"),
        ["param.Temp"] = ("Nhiệt độ", "Water temperature"),
        ["param.COD"] = ("Nhu cầu oxy hóa học (COD)", "Chemical oxygen demand (COD)"),
        ["param.BOD5"] = ("Nhu cầu oxy sinh hóa (BOD₅)", "Biochemical oxygen demand (BOD₅)"),
        ["param.TSS"] = ("Tổng chất rắn lơ lửng (TSS)", "Total suspended solids (TSS)"),
        ["param.NH4"] = ("Amoni (NH₄⁺ tính theo N)", "Ammonium (NH₄⁺ as N)"),
        ["param.TN"] = ("Tổng nitơ", "Total nitrogen"),
        ["param.TP"] = ("Tổng phốt pho", "Total phosphorus"),
        ["param.Color"] = ("Độ màu", "Colour"),
        ["param.FlowIn"] = ("Lưu lượng đầu vào", "Inflow"),
        ["param.FlowOut"] = ("Lưu lượng xả thải", "Outflow (discharge)"),
        ["param.Dust"] = ("Bụi tổng", "Total dust"),
        ["param.SO2"] = ("Lưu huỳnh đioxit (SO₂)", "Sulphur dioxide (SO₂)"),
        ["param.NOx"] = ("Nitơ oxit (NOx tính theo NO₂)", "Nitrogen oxides (NOx as NO₂)"),
        ["param.CO"] = ("Cacbon monoxit (CO)", "Carbon monoxide (CO)"),
        ["param.O2"] = ("Oxy (O₂)", "Oxygen (O₂)"),
        ["param.GasFlow"] = ("Lưu lượng khí thải", "Stack gas flow"),
        ["param.GasTemp"] = ("Nhiệt độ khí thải", "Stack gas temperature"),
        ["param.Pressure"] = ("Áp suất khí thải", "Stack gas pressure"),
        ["integrity"] = ("Toàn vẹn dữ liệu", "Data integrity"),
        ["integrity.fact.intact"] = ("Nguyên vẹn so với niêm phong ({0} ngày)", "Intact against its seals ({0} days)"),
        ["integrity.fact.partly"] = ("{0} ngày nguyên vẹn so với niêm phong, {1} ngày chưa niêm phong", "{0} days intact against their seals, {1} days not sealed"),
        ["integrity.fact.tampered"] = ("KHÔNG NGUYÊN VẸN: dữ liệu các ngày {0} khác với niêm phong (mục 6)", "NOT INTACT: the data of {0} differs from its seals (section 6)"),
        ["s.integrity"] = ("6. Niêm phong và toàn vẹn dữ liệu", "6. Seals and data integrity"),
        ["integrity.intro"] = ("Mỗi ngày được đối chiếu, tại thời điểm lập báo cáo, với các niêm phong số (chữ ký ECDSA của trung tâm) tạo ra khi dữ liệu được tiếp nhận; các số liệu trong báo cáo được tính từ dữ liệu mà các niêm phong dưới đây bao phủ.",
            "Each day was checked, when this report was made, against the digital seals (the centre's ECDSA signatures) made as its data was received; the report's figures were computed from the data these seals cover."),
        ["integrity.allIntact"] = ("Dữ liệu của mọi ngày đã niêm phong trong kỳ còn nguyên vẹn so với niêm phong.", "The data of every sealed day of the period is intact against its seals."),
        ["integrity.notIntact"] = ("CẢNH BÁO: dữ liệu của {0} ngày sau KHÔNG còn nguyên vẹn so với niêm phong: {1}. Số liệu của các ngày này trong báo cáo có thể đã bị thay đổi sau khi được tiếp nhận; GET /api/integrity nêu rõ từng sai khác.",
            "WARNING: the data of {0} day(s) is NOT intact against its seals: {1}. The figures of these days in this report may have been changed after they were received; GET /api/integrity names each difference."),
        ["integrity.unsealed"] = ("Chưa có niêm phong cho {0} ngày: {1}.", "No seal yet for {0} day(s): {1}."),
        ["integrity.none"] = ("Không có ngày nào để đối chiếu.", "No day to check."),
        ["integrity.verdict"] = ("Kết quả đối chiếu", "Verdict"),
        ["integrity.seals"] = ("Niêm phong (phiên bản, mã)", "Seals (version, id)"),
        ["integrity.covered"] = ("Được niêm phong", "Sealed"),
        ["integrity.covered.value"] = ("{0} mẫu, {1} sự kiện cảnh báo", "{0} samples, {1} alert events"),
        ["integrity.awaiting"] = ("{0} đang chờ niêm phong", "{0} awaiting a seal"),
        ["integrity.findings"] = ("Sai khác", "Findings"),
        ["integrity.findings.value"] = ("{0} bị sửa, {1} bị xóa, {2} được chèn thêm, {3} lỗi niêm phong", "{0} altered, {1} deleted, {2} inserted, {3} seal problems"),
        ["integrity.note"] = ("Mã niêm phong: 16 ký tự đầu của SHA-256 của văn bản niêm phong (đầy đủ trong báo cáo JSON); phiên bản cuối dẫn chiếu mọi phiên bản trước nó.",
            "Seal id: the first 16 hex digits of the SHA-256 of the seal document (in full in the JSON report); the last version names every version before it."),
        ["verdict.intact"] = ("Nguyên vẹn", "Intact"),
        ["verdict.tampered"] = ("KHÔNG NGUYÊN VẸN", "NOT INTACT"),
        ["verdict.unsealed"] = ("Chưa niêm phong", "Not sealed"),
        ["verdict.notChecked"] = ("Đã niêm phong, chưa đối chiếu trong báo cáo này", "Sealed, not checked in this report"),
        ["integrity.fact.notChecked"] = ("{0} ngày có niêm phong, nêu mã nhưng không đối chiếu lại (kỳ dài hơn {1} ngày; xem mục 6)", "{0} days sealed, named but not checked again (a period longer than {1} days; see section 6)"),
        ["integrity.notChecked"] = ("Kỳ báo cáo dài hơn {0} ngày: các niêm phong được nêu tên nhưng dữ liệu không được đối chiếu lại khi lập báo cáo này; đối chiếu từng đợt bằng GET /api/integrity hoặc ./envmon verify-seals (tối đa 92 ngày một lần).",
            "The period is longer than {0} days: the seals are named but the data is not checked against them in this report; check it in parts with GET /api/integrity or ./envmon verify-seals (up to 92 days at a time)."),
    };

    private ReportTexts(ReportLanguage language) => Language = language;

    public static ReportTexts Vietnamese { get; } = new(ReportLanguage.Vi);

    public static ReportTexts English { get; } = new(ReportLanguage.En);

    public ReportLanguage Language { get; }

    /// <summary>The BCP 47 tag of the document (<c>lang</c> of the HTML page).</summary>
    public string Tag => Language == ReportLanguage.Vi ? "vi" : "en";

    private NumberFormatInfo Numbers => Language == ReportLanguage.Vi ? VietnameseNumbers : EnglishNumbers;

    public static ReportTexts For(ReportLanguage language) => language == ReportLanguage.Vi ? Vietnamese : English;

    /// <summary>The label in this language; a missing label is a programming error.</summary>
    public string this[string key] => Labels.TryGetValue(key, out var text)
        ? Language == ReportLanguage.Vi ? text.Vi : text.En
        : throw new KeyNotFoundException($"No report text '{key}'.");

    public bool Has(string key) => Labels.ContainsKey(key);

    /// <summary>A label with its arguments (numbers and dates already formatted by this class).</summary>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    /// <summary>A number with up to <paramref name="decimals"/> decimals and grouped thousands: 1.200,5 (vi), 1,200.5 (en).</summary>
    public string Number(double value, int decimals = 3) =>
        value.ToString("#,##0." + new string('#', decimals), Numbers);

    /// <summary>A coefficient with at least one decimal, as the regulation writes it: 1,0; 0,9.</summary>
    public string Coefficient(double value) => value.ToString("0.0##", Numbers);

    /// <summary>A whole count, grouped: 1.728.</summary>
    public string Count(long value) => value.ToString("#,##0", Numbers);

    /// <summary>A ratio as a percentage with one decimal: 83,0 %.</summary>
    public string Percent(double ratio) => (ratio * 100).ToString("0.0", Numbers) + " %";

    public string Date(DateTimeOffset time) => time.ToOffset(Protocol.Time.ProvinceTime.Offset).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public string DateTime(DateTimeOffset time) => time.ToOffset(Protocol.Time.ProvinceTime.Offset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public string Severity(string wire) => Has("severity." + wire) ? this["severity." + wire] : wire;

    public string Rule(string wire) => Has("rule." + wire) ? this["rule." + wire] : wire;

    public string Event(string wire) => Has("event." + wire) ? this["event." + wire] : wire;

    /// <summary>An annotation's reason in words (<c>reason.{wire}</c>).</summary>
    public string Reason(string wire) => Has("reason." + wire) ? this["reason." + wire] : wire;

    /// <summary>An annotation's state in words (<c>state.{wire}</c>).</summary>
    public string State(string wire) => Has("state." + wire) ? this["state." + wire] : wire;

    /// <summary>A day's integrity verdict (intact, tampered, unsealed) in words.</summary>
    public string Verdict(string wire) => Has("verdict." + wire) ? this["verdict." + wire] : wire;

    /// <summary>The parameter's name in this language, falling back to its code.</summary>
    public string Parameter(string code) => Has("param." + code) ? this["param." + code] : code;
}
