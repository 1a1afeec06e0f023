using System.Globalization;
using System.Text;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// An inline SVG bar chart of a parameter's judged means with its limit drawn across, for the
/// printable report (no script, no external resource). Counted exceedances are red, uncounted
/// windows grey.
/// </summary>
internal static class SvgChart
{
    private const double Width = 760;
    private const double Height = 180;
    private const double Left = 48;
    private const double Bottom = 20;

    public static string Render(ParameterReport parameter)
    {
        var c = CultureInfo.InvariantCulture;
        var windows = parameter.Means;
        var top = new[] { windows.Max(w => w.Mean) ?? 0, parameter.Limit?.Max ?? 0, parameter.Limit?.Min ?? 0 }.Max();
        top = top <= 0 ? 1 : top * 1.15;
        double Y(double v) => Height - Bottom - ((Height - Bottom - 8) * v / top);
        var svg = new StringBuilder();
        svg.Append(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{parameter.Parameter} means\">");
        svg.Append(c, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>");
        svg.Append(c, $"<text x=\"{Left - 4}\" y=\"{Y(top / 1.15) + 4:0.#}\" text-anchor=\"end\" font-size=\"10\">{top / 1.15:0.##}</text>");
        svg.Append(c, $"<text x=\"{Left - 4}\" y=\"{Height - Bottom}\" text-anchor=\"end\" font-size=\"10\">0</text>");
        var slot = (Width - Left) / Math.Max(1, windows.Count);
        for (var i = 0; i < windows.Count; i++)
        {
            if (windows[i].Mean is not { } mean)
            {
                continue;
            }

            var w = windows[i];
            var colour = !w.Counted ? "#bbb" : w.Severity is "none" or "approaching" ? "#3a7bd5" : "#d9342b";
            var y = Y(Math.Max(0, mean));
            svg.Append(c, $"<rect x=\"{Left + (i * slot) + (slot * 0.1):0.##}\" y=\"{y:0.##}\" width=\"{Math.Max(0.5, slot * 0.8):0.##}\" height=\"{Height - Bottom - y:0.##}\" fill=\"{colour}\">");
            svg.Append(c, $"<title>{w.Start:yyyy-MM-dd HH:mm}: {mean:0.###} {parameter.Unit}{(w.Counted ? "" : " (not counted)")}</title></rect>");
        }

        foreach (var bound in new[] { parameter.Limit?.Max, parameter.Limit?.Min })
        {
            if (bound is { } b)
            {
                svg.Append(c, $"<line x1=\"{Left}\" y1=\"{Y(b):0.##}\" x2=\"{Width}\" y2=\"{Y(b):0.##}\" stroke=\"#d9342b\" stroke-dasharray=\"6 4\"/>");
                svg.Append(c, $"<text x=\"{Width - 2}\" y=\"{Y(b) - 3:0.##}\" text-anchor=\"end\" font-size=\"10\" fill=\"#d9342b\">limit {b:0.##}</text>");
            }
        }

        if (windows.Count > 0)
        {
            svg.Append(c, $"<text x=\"{Left}\" y=\"{Height - 4}\" font-size=\"10\">{windows[0].Start:yyyy-MM-dd}</text>");
            svg.Append(c, $"<text x=\"{Width}\" y=\"{Height - 4}\" text-anchor=\"end\" font-size=\"10\">{windows[^1].Start:yyyy-MM-dd}</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
