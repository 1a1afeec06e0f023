using System.Globalization;
using System.Net;
using System.Text;
using EnvMonitoring.Cloud.Alerts;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// A report as one printable HTML page: summary per parameter, a chart of the judged means, the
/// windows above the limit, gaps and the alert history. Self-contained: inline CSS and SVG only.
/// </summary>
internal static class ReportHtml
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(ComplianceReport r)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"Compliance report {r.Station} {r.From:yyyy-MM-dd} – {r.To.AddDays(-1):yyyy-MM-dd}")).Append("</title><style>")
            .Append("body{font:13px/1.4 system-ui,sans-serif;margin:24px;color:#111}h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #999}")
            .Append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #bbb;padding:2px 6px;text-align:right}th{background:#eee}td.l,th.l{text-align:left}")
            .Append(".bad{color:#b00;font-weight:600}.chart{width:100%;max-width:760px;height:auto}.muted{color:#666}")
            .Append("@media print{body{margin:8mm}h2{break-before:auto}section{break-inside:avoid}}</style></head><body>");
        html.Append("<h1>").Append(E($"Compliance report — {r.Name} ({r.Station})")).Append("</h1>");
        html.Append("<table><tbody>")
            .Append(Row("Park", r.Park)).Append(Row("Medium", r.Medium))
            .Append(Row("Period", $"{r.From:yyyy-MM-dd HH:mm zzz} to {r.To:yyyy-MM-dd HH:mm zzz} (local days)"))
            .Append(Row("Judged on", r.Basis == "hourlyMean" ? "hourly means" : "local-day means (Asia/Ho_Chi_Minh)"))
            .Append(Row("Expected interval", $"{r.ExpectedIntervalSeconds} s"))
            .Append(Row("A mean counts with", $"≥ {r.MinimumCompleteness:P0} of its expected records (platform default, not law)"))
            .Append(Row("Tiers", r.SeverityScale))
            .Append(Row("Generated", $"{r.GeneratedAt:yyyy-MM-dd HH:mm:ss zzz} by {r.GeneratedBy}"))
            .Append("</tbody></table>");

        html.Append("<h2>Summary</h2><table><thead><tr><th class=\"l\">Parameter</th><th>Limit</th><th>Completeness</th><th>Valid / expected</th>")
            .Append("<th>Calibrating</th><th>Fault</th><th>Invalid</th><th>Means counted</th><th>Exceedances</th><th>Worst mean (when)</th><th>Peak reading (when)</th></tr></thead><tbody>");
        foreach (var p in r.Parameters)
        {
            html.Append("<tr><td class=\"l\">").Append(E($"{p.Parameter} ({p.Unit})")).Append("</td><td>").Append(E(Limit(p.Limit))).Append("</td>")
                .Append(C, $"<td>{p.Completeness:P1}</td><td>{p.Valid} / {p.Expected}</td><td>{p.Excluded.Calibrating}</td><td>{p.Excluded.Fault}</td><td>{p.Excluded.Invalid}</td>")
                .Append(C, $"<td>{p.CountedWindows} / {p.Windows}</td><td class=\"{(p.ExceedanceCount > 0 ? "bad" : "")}\">{p.ExceedanceCount}</td>")
                .Append("<td>").Append(p.MaxMultiple is { } m ? E(string.Create(C, $"{m.Mean:0.###} {Measure(m.Mean, m.Multiple, m)} ({m.Start:yyyy-MM-dd HH:mm})")) : "–").Append("</td>")
                .Append("<td>").Append(p.PeakReading is { } pk ? E(string.Create(C, $"{pk.Value:0.###} {Measure(pk.Value, pk.Multiple, pk)} ({pk.At:yyyy-MM-dd HH:mm:ss}{(pk.Exact ? "" : ", hour only")})")) : "–").Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        foreach (var p in r.Parameters)
        {
            Parameter(html, p);
        }

        html.Append("<h2>Alert history</h2>");
        if (r.Alerts is null)
        {
            html.Append("<p class=\"muted\">").Append(E(r.AlertsNote ?? "Not available.")).Append("</p>");
        }
        else if (r.Alerts.Count == 0)
        {
            html.Append("<p>No alert transitions in the period.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th class=\"l\">When</th><th class=\"l\">Alert</th><th class=\"l\">Event</th><th class=\"l\">Severity</th><th>Value</th><th>Against the limit</th><th class=\"l\">By / note</th></tr></thead><tbody>");
            foreach (var a in r.Alerts)
            {
                html.Append(C, $"<tr><td class=\"l\">{a.At:yyyy-MM-dd HH:mm:ss}</td><td class=\"l\">{E(a.AlertId)}</td><td class=\"l\">{E(a.Event)}{(a.Late ? " (late)" : "")}</td>")
                    .Append(C, $"<td class=\"l\">{E(a.Severity)}{(a.Band is { } band ? $" (band {band})" : "")}</td><td>{a.Value:0.###}</td><td>{E(BoundText.Measure(a.Value, a.Multiple, a.Bound, a.Limit))}</td>")
                    .Append(C, $"<td class=\"l\">{E(string.Join(": ", new[] { a.User, a.Note }.Where(x => !string.IsNullOrEmpty(x))))}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("<h2>Provenance</h2><ul class=\"muted\">");
        foreach (var q in r.Queries)
        {
            html.Append("<li><code>").Append(E(q)).Append("</code></li>");
        }

        return html.Append("</ul></body></html>").ToString();
    }

    private static void Parameter(StringBuilder html, ParameterReport p)
    {
        html.Append("<section><h2>").Append(E($"{p.Name} — {p.Parameter} ({p.Unit})")).Append("</h2>");
        if (p.Limit is { } limit)
        {
            html.Append("<p>Limit: ").Append(E(limit.Basis)).Append(limit.ToVerify ? " <span class=\"muted\">(to verify)</span>" : "").Append("</p>");
        }

        html.Append(SvgChart.Render(p));
        html.Append("<table><thead><tr>");
        foreach (var tier in p.Exceedances.Keys)
        {
            html.Append("<th>").Append(E(tier)).Append("</th>");
        }

        html.Append("</tr></thead><tbody><tr>");
        foreach (var count in p.Exceedances.Values)
        {
            html.Append(C, $"<td class=\"{(count > 0 ? "bad" : "")}\">{count}</td>");
        }

        html.Append("</tr></tbody></table>");
        var over = p.Means.Where(w => w.Counted && w.Severity is not ("none" or "approaching")).ToList();
        if (over.Count > 0)
        {
            html.Append("<table><thead><tr><th class=\"l\">Window</th><th>Mean</th><th>Against the limit</th><th class=\"l\">Tier</th><th>Completeness</th></tr></thead><tbody>");
            foreach (var w in over)
            {
                html.Append(C, $"<tr><td class=\"l\">{w.Start:yyyy-MM-dd HH:mm}</td><td>{w.Mean:0.###}</td><td>{E(Measure(w.Mean, w.Multiple, w))}</td><td class=\"l\">{E(w.Severity)}</td><td>{w.Completeness:P0}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        if (p.Gaps.Count > 0)
        {
            html.Append("<p>Data gaps: ").Append(E(string.Join("; ", p.Gaps.Take(50).Select(g => string.Create(C, $"{g.From:yyyy-MM-dd HH:mm} – {g.To:yyyy-MM-dd HH:mm} ({g.Hours:0} h)")))))
                .Append(p.Gaps.Count > 50 ? E($" … and {p.Gaps.Count - 50} more") : "").Append("</p>");
        }

        html.Append("</section>");
    }

    private static string Limit(ReportLimit? limit) => limit switch
    {
        null => "none",
        { Min: { } min, Max: { } max } => string.Create(C, $"{min}–{max}"),
        { Max: { } max } => string.Create(C, $"≤ {max}"),
        { Min: { } min } => string.Create(C, $"≥ {min}"),
        _ => "none",
    };

    /// <summary>"×2.5" for a one-sided limit; for a range "&lt; 5.5, band 1" (no multiple: Decree 45/2022 bands pH by value).</summary>
    private static string Measure(double? value, double? multiple, ReportJudged judged) =>
        BoundText.Measure(value, multiple, judged.Bound, judged.Limit) + (judged.Band is { } band ? string.Create(C, $", band {band}") : "");

    private static string Row(string name, string value) => $"<tr><th class=\"l\">{E(name)}</th><td class=\"l\">{E(value)}</td></tr>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
