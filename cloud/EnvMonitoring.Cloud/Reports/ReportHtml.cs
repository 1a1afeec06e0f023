using System.Text;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// A <see cref="ReportDocument"/> as one printable HTML page: A4 (CSS <c>@page</c>), every long
/// text wrapped inside the page's width, inline CSS and SVG only (no script, no external resource).
/// </summary>
internal static class ReportHtml
{
    private const string Style =
        "@page{size:A4;margin:18mm 15mm 18mm 20mm}" +
        "html{background:#fff}body{font:10.5pt/1.45 'DejaVu Sans','Noto Sans',Arial,sans-serif;color:#111;max-width:175mm;margin:0 auto;padding:10mm 0;overflow-wrap:anywhere;word-break:break-word}" +
        ".center{text-align:center;margin:2px 0}.strong{font-weight:700}h2{font-size:12.5pt;margin:18px 0 6px;border-bottom:1px solid #888}h3{font-size:11pt;margin:14px 0 4px}" +
        "table{width:100%;border-collapse:collapse;table-layout:fixed;margin:4px 0 8px}td,th{border:1px solid #999;padding:2px 4px;text-align:left;vertical-align:top;overflow-wrap:anywhere}" +
        "th{background:#eee;font-weight:600}table.facts th{width:45%;background:#f6f6f6}.bad,.bad td{color:#b00000}.muted{color:#555}.sha{font-family:'DejaVu Sans Mono',monospace;font-size:9pt}" +
        "svg.chart{width:100%;height:auto;display:block}.signature{display:flex;justify-content:space-between;margin-top:18px;break-inside:avoid}.signature div{width:45%;text-align:center}" +
        ".signature .sign{height:22mm}.place{text-align:right;font-style:italic;margin-top:18px}" +
        "@media print{body{max-width:none;padding:0}h2,h3{break-after:avoid}tr,svg.chart{break-inside:avoid}}";

    public static string Render(ReportDocument document)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(document.Texts.Tag).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"report-sha256\" content=\"").Append(document.Sha256).Append("\"><title>").Append(E(document.Title))
            .Append("</title><style>").Append(Style).Append("</style></head><body>");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReportCentered c:
                    html.Append("<p class=\"center").Append(c.Strong ? " strong" : "").Append("\">").Append(E(c.Text)).Append("</p>");
                    break;
                case ReportHeading h:
                    html.Append(h.Level == 1 ? "<h2>" : "<h3>").Append(E(h.Text)).Append(h.Level == 1 ? "</h2>" : "</h3>");
                    break;
                case ReportParagraph p:
                    html.Append(p.Muted ? "<p class=\"muted\">" : "<p>").Append(E(p.Text)).Append("</p>");
                    break;
                case ReportFacts f:
                    html.Append("<table class=\"facts\"><tbody>");
                    foreach (var row in f.Rows)
                    {
                        html.Append(row.Bad ? "<tr class=\"bad\">" : "<tr>").Append("<th>").Append(E(row.Label)).Append("</th><td")
                            .Append(row.Value.Length == 64 && row.Value.All(char.IsAsciiHexDigitLower) ? " class=\"sha\"" : "").Append('>').Append(E(row.Value)).Append("</td></tr>");
                    }

                    html.Append("</tbody></table>");
                    break;
                case ReportTable t:
                    Table(html, t);
                    break;
                case ReportChart chart:
                    html.Append("<figure style=\"margin:6px 0\">").Append(SvgChart.Render(chart, document.Texts))
                        .Append("<figcaption class=\"muted\">").Append(E(chart.Legend)).Append("</figcaption></figure>");
                    break;
                case ReportSignature s:
                    html.Append("<p class=\"place\">").Append(E(s.PlaceAndDate)).Append("</p><div class=\"signature\">")
                        .Append("<div><p class=\"strong\">").Append(E(s.Author)).Append("</p><p class=\"muted\">").Append(E(s.AuthorNote)).Append("</p><p class=\"sign\"></p><p>").Append(E(s.AuthorName)).Append("</p></div>")
                        .Append("<div><p class=\"strong\">").Append(E(s.Head)).Append("</p><p class=\"muted\">").Append(E(s.HeadNote)).Append("</p><p class=\"sign\"></p></div></div>");
                    break;
                default:
                    throw new InvalidOperationException($"No HTML for {block.GetType().Name}.");
            }
        }

        return html.Append("</body></html>").ToString();
    }

    private static void Table(StringBuilder html, ReportTable table)
    {
        var total = table.Widths.Sum();
        html.Append("<table><colgroup>");
        foreach (var width in table.Widths)
        {
            html.Append("<col style=\"width:").Append((100 * width / total).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)).Append("%\">");
        }

        html.Append("</colgroup><thead><tr>");
        foreach (var header in table.Headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append(row.Bad ? "<tr class=\"bad\">" : "<tr>");
            foreach (var cell in row.Cells)
            {
                html.Append("<td>").Append(E(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    /// <summary>Escapes markup only: Vietnamese letters stay as they are (UTF-8), readable in the page's source.</summary>
    internal static string E(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
