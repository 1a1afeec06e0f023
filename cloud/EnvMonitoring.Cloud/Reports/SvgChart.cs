using System.Globalization;
using System.Text;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// A <see cref="ReportChart"/> as inline SVG (no script, no external resource): the means as a line
/// with a dot per window (red beyond the limit, grey when not counted), the limit dashed across.
/// </summary>
internal static class SvgChart
{
    private const double Width = 660;
    private const double Height = 220;

    public static string Render(ReportChart chart, ReportTexts texts)
    {
        var c = CultureInfo.InvariantCulture;
        var g = new ChartGeometry(chart, Width, Height);
        var svg = new StringBuilder();
        svg.Append(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(chart.Title)}\" font-size=\"10\">");
        svg.Append(c, $"<text x=\"{ChartGeometry.Left}\" y=\"{ChartGeometry.Top - 1}\" font-weight=\"600\">{E(chart.Title)}</text>");
        foreach (var tick in g.Ticks())
        {
            svg.Append(c, $"<line x1=\"{ChartGeometry.Left}\" y1=\"{g.Y(tick):0.##}\" x2=\"{Width - ChartGeometry.Right}\" y2=\"{g.Y(tick):0.##}\" stroke=\"#ddd\"/>");
            svg.Append(c, $"<text x=\"{ChartGeometry.Left - 4}\" y=\"{g.Y(tick) + 3:0.##}\" text-anchor=\"end\">{E(texts.Number(tick))}</text>");
        }

        svg.Append(c, $"<line x1=\"{ChartGeometry.Left}\" y1=\"{g.PlotBottom}\" x2=\"{Width - ChartGeometry.Right}\" y2=\"{g.PlotBottom}\" stroke=\"#444\"/>");
        foreach (var i in g.LabelIndices)
        {
            svg.Append(c, $"<text x=\"{g.X(i):0.##}\" y=\"{Height - 8}\" text-anchor=\"middle\">{E(chart.Points[i].Label)}</text>");
        }

        foreach (var (value, label) in chart.Limits)
        {
            svg.Append(c, $"<line x1=\"{ChartGeometry.Left}\" y1=\"{g.Y(value):0.##}\" x2=\"{Width - ChartGeometry.Right}\" y2=\"{g.Y(value):0.##}\" stroke=\"#c00000\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>");
            svg.Append(c, $"<text x=\"{ChartGeometry.Left + 4}\" y=\"{g.Y(value) - 3:0.##}\" fill=\"#c00000\">{E(label)}</text>");
        }

        var line = string.Join(" ", chart.Points.Select((p, i) => (p, i)).Where(x => x.p.Value is not null).Select(x => string.Create(c, $"{g.X(x.i):0.##},{g.Y(x.p.Value!.Value):0.##}")));
        svg.Append("<polyline fill=\"none\" stroke=\"#2f62b0\" stroke-width=\"1.5\" points=\"").Append(line).Append("\"/>");
        for (var i = 0; i < chart.Points.Count; i++)
        {
            if (chart.Points[i].Value is not { } value)
            {
                continue;
            }

            var colour = chart.Points[i].State switch
            {
                ReportPointState.Beyond => "#c00000",
                ReportPointState.NotCounted => "#9a9a9a",
                _ => "#2f62b0",
            };
            svg.Append(c, $"<circle cx=\"{g.X(i):0.##}\" cy=\"{g.Y(value):0.##}\" r=\"3.2\" fill=\"{colour}\"><title>{E(chart.Points[i].Label)}: {E(texts.Number(value))}</title></circle>");
            if (g.ShowValues)
            {
                svg.Append(c, $"<text x=\"{g.X(i):0.##}\" y=\"{g.Y(value) - 6:0.##}\" text-anchor=\"middle\" fill=\"{colour}\">{E(texts.Number(value))}</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static string E(string text) => ReportHtml.E(text);
}
