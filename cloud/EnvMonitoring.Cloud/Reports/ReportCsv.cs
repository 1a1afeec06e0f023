using System.Globalization;
using System.Text;
using EnvMonitoring.Cloud.History;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// A report as CSV (RFC 4180, UTF-8): the judged means, one row per parameter and window
/// (<see cref="Means"/>), or one row per parameter with its totals and tier counts (<see cref="Summary"/>).
/// When approved annotations touch the report, both tables get <c>annotated_*</c> columns beside the
/// original ones (empty for a parameter no annotation touches); without annotations they read as before.
/// </summary>
internal static class ReportCsv
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Means(ComplianceReport report)
    {
        var annotated = report.Parameters.Any(p => p.Annotated is not null);
        var text = new StringBuilder("station,parameter,unit,start,end,mean,min,max,valid,completeness,counted,limit_min,limit_max,multiple,severity,bound,band")
            .Append(annotated ? ",annotated_mean,annotated_valid,annotated_completeness,annotated_counted,annotated_severity\n" : "\n");
        foreach (var p in report.Parameters)
        {
            for (var i = 0; i < p.Means.Count; i++)
            {
                var w = p.Means[i];
                text.Append(C, $"{report.Station},{p.Parameter},{Cell(p.Unit)},{HistoryCsv.Time(w.Start)},{HistoryCsv.Time(w.End)},")
                    .Append(C, $"{N(w.Mean)},{N(w.Min)},{N(w.Max)},{w.Valid},{w.Completeness:0.####},{(w.Counted ? "true" : "false")},")
                    .Append(C, $"{N(p.Limit?.Min)},{N(p.Limit?.Max)},{N(w.Multiple)},{w.Severity},{w.Bound},{w.Band}");
                if (annotated)
                {
                    // The annotated figures judge the same windows, in the same order.
                    text.Append(p.Annotated?.Means[i] is { } a ? string.Create(C, $",{N(a.Mean)},{a.Valid},{a.Completeness:0.####},{(a.Counted ? "true" : "false")},{a.Severity}") : ",,,,,");
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    public static string Summary(ComplianceReport report)
    {
        var tiers = report.Parameters.FirstOrDefault()?.Exceedances.Keys.ToList() ?? [];
        var text = new StringBuilder("station,parameter,unit,limit_min,limit_max,limit_basis,expected,valid,completeness,calibrating,fault,invalid,windows,counted_windows,");
        var annotated = report.Parameters.Any(p => p.Annotated is not null);
        text.Append(string.Join(",", tiers)).Append(",exceedances,max_multiple,max_multiple_start,peak_value,peak_multiple,peak_at,gap_hours,max_bound,max_band,peak_bound,peak_band")
            .Append(annotated ? ",annotated_valid,annotated_completeness,annotated_excluded,annotated_counted_windows,annotated_exceedances,annotated_max_multiple,annotated_peak_value\n" : "\n");
        foreach (var p in report.Parameters)
        {
            text.Append(C, $"{report.Station},{p.Parameter},{Cell(p.Unit)},{N(p.Limit?.Min)},{N(p.Limit?.Max)},{Cell(p.Limit?.Basis)},")
                .Append(C, $"{p.Expected},{p.Valid},{p.Completeness:0.####},{p.Excluded.Calibrating},{p.Excluded.Fault},{p.Excluded.Invalid},{p.Windows},{p.CountedWindows},");
            foreach (var tier in tiers)
            {
                text.Append(p.Exceedances[tier].ToString(C)).Append(',');
            }

            text.Append(C, $"{p.ExceedanceCount},{N(p.MaxMultiple?.Multiple)},{(p.MaxMultiple is { } m ? HistoryCsv.Time(m.Start) : "")},")
                .Append(C, $"{N(p.PeakReading?.Value)},{N(p.PeakReading?.Multiple)},{(p.PeakReading is { } pk ? HistoryCsv.Time(pk.At) : "")},{p.Gaps.Sum(g => g.Hours).ToString(C)},")
                .Append(C, $"{p.MaxMultiple?.Bound},{p.MaxMultiple?.Band},{p.PeakReading?.Bound},{p.PeakReading?.Band}");
            if (annotated)
            {
                text.Append(p.Annotated is { } a
                    ? string.Create(C, $",{a.Valid},{a.Completeness:0.####},{a.Excluded.Annotated},{a.CountedWindows},{a.ExceedanceCount},{N(a.MaxMultiple?.Multiple)},{N(a.PeakReading?.Value)}")
                    : ",,,,,,,");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string N(double? value) => value?.ToString("R", C) ?? "";

    /// <summary>Quotes a cell holding a comma, quote or line break.</summary>
    private static string Cell(string? text) =>
        text is null ? "" : text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
