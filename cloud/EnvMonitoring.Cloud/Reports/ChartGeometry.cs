namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// Where a <see cref="ReportChart"/>'s parts go in a box of a given size, worked out once for the
/// SVG and the PDF: a y scale from 0 to a round number above the highest mean and limit, five
/// ticks, one x slot per window (a single window is drawn in the middle, not as a full-width block)
/// and at most eight x labels; with few windows each dot is labelled with its value.
/// </summary>
internal sealed class ChartGeometry
{
    public const double Left = 52;
    public const double Right = 12;
    public const double Top = 10;
    public const double Bottom = 26;

    public ChartGeometry(ReportChart chart, double width, double height)
    {
        Width = width;
        Height = height;
        var highest = chart.Points.Select(p => p.Value ?? 0).Concat(chart.Limits.Select(l => l.Value)).DefaultIfEmpty(0).Max();
        var lowest = Math.Min(0, chart.Points.Select(p => p.Value ?? 0).DefaultIfEmpty(0).Min());
        Step = NiceStep(Math.Max(highest - lowest, 1e-9) * 1.1 / 5);
        Low = Math.Floor(lowest / Step) * Step;
        High = Math.Max(Low + Step, Math.Ceiling(highest * 1.1 / Step) * Step);
        Count = chart.Points.Count;
        var every = Math.Max(1, (int)Math.Ceiling(Count / 8.0));
        LabelIndices = Enumerable.Range(0, Count).Where(i => i % every == 0 || i == Count - 1 && (Count - 1) % every > every / 2).ToList();
    }

    public double Width { get; }

    public double Height { get; }

    public double Low { get; }

    public double High { get; }

    public double Step { get; }

    public int Count { get; }

    public IReadOnlyList<int> LabelIndices { get; }

    /// <summary>Few windows (a day, a week): each dot carries its value, so a one-day chart still says something.</summary>
    public bool ShowValues => Count <= 12;

    public double PlotBottom => Height - Bottom;

    public IEnumerable<double> Ticks()
    {
        for (var v = Low; v <= High + (Step / 2); v += Step)
        {
            yield return Math.Round(v, 10);
        }
    }

    public double Y(double value) => PlotBottom - ((PlotBottom - Top) * (value - Low) / (High - Low));

    /// <summary>The centre of window <paramref name="index"/>'s slot.</summary>
    public double X(int index) => Left + ((Width - Left - Right) * (index + 0.5) / Math.Max(1, Count));

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * magnitude;
    }
}
