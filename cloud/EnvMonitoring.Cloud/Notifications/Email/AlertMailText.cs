using System.Globalization;
using System.Text;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Notifications.Email;

/// <summary>
/// The words of one alert e-mail: a subject readable on a phone's lock screen in both languages,
/// e.g. <c>[EnvMonitoring] VƯỢT NGƯỠNG ×1.6 COD — YB-WWTP-01 / Exceedance ×1.6 COD — YB-WWTP-01</c>,
/// followed once by the facility's and the park's names when the registry has them
/// (<c>… — YB-WWTP-01 · Công ty TNHH Dệt may Phổ Yên, Khu công nghiệp Yên Bình</c>),
/// and the same facts as a plain-text and an HTML table, times in Asia/Ho_Chi_Minh.
/// </summary>
internal sealed class AlertMailText
{
    private const string Product = "[EnvMonitoring]";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private AlertMailText(string subject, Bilingual headline, IReadOnlyList<(Bilingual Label, string Value)> rows, Uri? link, string deliveryId)
    {
        Subject = subject;
        Headline = headline;
        Rows = rows;
        Link = link;
        DeliveryId = deliveryId;
    }

    public string Subject { get; }

    public Bilingual Headline { get; }

    public IReadOnlyList<(Bilingual Label, string Value)> Rows { get; }

    public Uri? Link { get; }

    public string DeliveryId { get; }

    public static AlertMailText For(Delivery delivery)
    {
        var notice = delivery.Notice;
        var e = notice.Event;
        var view = AlertEventView.Of(e);
        var headline = HeadlineOf(notice, view);
        var subject = $"{Product} {headline.Vi} / {headline.En}{Names(notice)}";
        var unit = NoticeFacts.Unit(notice);
        var rows = new List<(Bilingual, string)>
        {
            (new("Trạm", "Station"), notice.StationName is null ? notice.Station : $"{notice.StationName} ({notice.Station})"),
        };
        if (notice.Facility is { } facility)
        {
            rows.Add((new("Cơ sở xả thải", "Facility"), facility));
        }

        rows.Add((new("Khu công nghiệp", "Industrial park"), notice.ParkName is { } park && park != notice.Park ? $"{park} ({notice.Park})" : notice.Park));
        if (e.Cause.Parameter is { } parameter)
        {
            rows.Add((new("Thông số", "Parameter"), unit is null ? parameter : $"{parameter} ({unit})"));
        }

        rows.Add((new("Quy tắc", "Rule"), AlertWording.Rule(e.Cause.Rule).ToString()));
        rows.Add((new("Mức độ", "Severity"), AlertWording.Level(e.Severity, e.Band, e.Cause.Parameter).ToString()));
        if (delivery.Peak > e.Severity)
        {
            rows.Add((new("Mức cao nhất", "Worst level"), AlertWording.Severity(delivery.Peak).ToString()));
        }

        // A faulty device's number is not a measurement: the fault is the news, not "0 mg/L".
        if (view.Value is { } value && e.Cause.Rule != RuleKind.DeviceFault)
        {
            var measure = BoundText.Measure(value, view.Multiple, view.Bound, view.Limit);
            rows.Add((new("Giá trị", "Value"), $"{Number(value)}{Unit(unit)}{(measure.Length > 0 ? $" ({measure})" : "")}"));
        }

        if (Limit(view, unit) is { } limit)
        {
            rows.Add((new("Ngưỡng", "Limit"), limit));
        }

        rows.Add((new("Thời điểm đo", "Measured at"), Time(e.MeasuredAt)));
        rows.Add((new("Bắt đầu", "Opened at"), Time(e.OpenedAt)));
        if (e.Late)
        {
            rows.Add((new("Dữ liệu đến trễ", "Late data"), $"có, phát hiện lúc {Time(e.At)} / yes, found at {Time(e.At)}"));
        }

        if (e.User is not null)
        {
            rows.Add((new("Người thực hiện", "By"), e.User));
        }

        if (e.Note is not null)
        {
            rows.Add((new("Ghi chú", "Note"), e.Note));
        }

        rows.Add((new("Mã cảnh báo", "Alert id"), e.AlertId.Value));
        return new AlertMailText(subject, headline, rows, NoticeFacts.Link(notice), delivery.Id);
    }

    public string ToPlainText()
    {
        var text = new StringBuilder();
        text.Append(Headline.Vi).Append('\n').Append(Headline.En).Append("\n\n");
        foreach (var (label, value) in Rows)
        {
            text.Append(label.ToString()).Append(": ").Append(value).Append('\n');
        }

        if (Link is not null)
        {
            text.Append("Xem trên bảng điều khiển / Open in the dashboard: ").Append(Link.AbsoluteUri).Append('\n');
        }

        text.Append("\n-- \nEnvMonitoring: thông báo tự động / automatic notice (").Append(DeliveryId).Append(")\n");
        return text.ToString();
    }

    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>").Append(Encode(Subject)).Append("</title></head>");
        html.Append("<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1b1b1b\">");
        html.Append("<h2 style=\"margin:0 0 4px 0;color:#a4161a\">").Append(Encode(Headline.Vi)).Append("</h2>");
        html.Append("<p style=\"margin:0 0 12px 0;color:#555\">").Append(Encode(Headline.En)).Append("</p>");
        html.Append("<table style=\"border-collapse:collapse\">");
        foreach (var (label, value) in Rows)
        {
            html.Append("<tr><th style=\"text-align:left;padding:3px 12px 3px 0;vertical-align:top\">").Append(Encode(label.Vi))
                .Append("<br><span style=\"font-weight:normal;color:#777\">").Append(Encode(label.En)).Append("</span></th>")
                .Append("<td style=\"padding:3px 0;vertical-align:top\">").Append(Encode(value)).Append("</td></tr>");
        }

        html.Append("</table>");
        if (Link is not null)
        {
            html.Append("<p><a href=\"").Append(Encode(Link.AbsoluteUri)).Append("\">Xem trên bảng điều khiển / Open in the dashboard</a></p>");
        }

        html.Append("<p style=\"color:#777;font-size:12px\">EnvMonitoring: thông báo tự động / automatic notice (").Append(Encode(DeliveryId)).Append(")</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static Bilingual HeadlineOf(AlertNotice notice, AlertEventView view)
    {
        var e = notice.Event;
        var title = AlertWording.Title(e.Cause.Rule, e.Severity == Severity.Approaching);
        // The size of the problem belongs in the subject while it is one; once over, the title alone.
        // A range limit (pH) has no multiple: the value against the bound it breaks, "pH 4.5 < 6".
        var ongoing = e.Kind is AlertEventKind.Opened or AlertEventKind.Escalated or AlertEventKind.DeEscalated or AlertEventKind.Overdue;
        var size = ongoing && view.Multiple is { } m
            ? " " + (e.Severity == Severity.Approaching ? $"{Math.Round(m * 100).ToString(Invariant)}%" : $"×{Multiple(m)}")
            : "";
        var against = ongoing && view.Multiple is null ? BoundText.Of(view.Value, view.Bound, view.Limit) : null;
        var what = e.Cause.Parameter is { } parameter ? $" {parameter}{(against is null ? "" : $" {Number(view.Value!.Value)} {against}")}" : "";
        var where = $" — {notice.Station}";
        var transition = AlertWording.Transition(e.Kind);
        return new Bilingual(
            $"{(transition is { } t ? t.Vi + ": " : "")}{title.Vi}{size}{what}{where}",
            $"{(transition is { } u ? u.En + ": " : "")}{title.En}{size}{what}{where}");
    }

    /// <summary>
    /// The facility and the park by the names people read, said once after both languages (they are
    /// proper names): " · Công ty TNHH Dệt may Phổ Yên, Khu công nghiệp Yên Bình"; nothing when the registry has neither.
    /// </summary>
    private static string Names(AlertNotice notice)
    {
        var park = notice.ParkName is { } name && name != notice.Park ? name : null;
        var names = string.Join(", ", new[] { notice.Facility, park }.OfType<string>());
        return names.Length == 0 ? "" : " · " + names;
    }

    /// <summary>One decimal from the 1.1× tier up (×1.6), two below it so 1.05× is not shown as ×1.0 or ×1.1.</summary>
    private static string Multiple(double m) => m.ToString(m >= 1.1 ? "0.0" : "0.00", Invariant);

    private static string Number(double value) => BoundText.Number(value);

    private static string Unit(string? unit) => unit is null ? "" : " " + unit;

    private static string? Limit(AlertEventView e, string? unit) => (e.LimitMin, e.LimitMax) switch
    {
        ({ } min, { } max) => $"{Number(min)}–{Number(max)}{Unit(unit)}",
        (null, { } max) => $"≤ {Number(max)}{Unit(unit)}",
        ({ } min, null) => $"≥ {Number(min)}{Unit(unit)}",
        _ => null,
    };

    private static string Time(DateTimeOffset instant) =>
        NoticeFacts.Local(instant).ToString("dd/MM/yyyy HH:mm:ss", Invariant) + " (UTC+7)";

    // Markup characters only: Vietnamese stays readable in the HTML source (WebUtility writes &#227; for ã,
    // HtmlEncoder &#x2B; for the + of UTC+7).
    private static string Encode(string text) => new StringBuilder(text)
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;").ToString();
}
