namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// The annotations in the printed report (docs/annotations.md): in the summary, each annotated
/// parameter's original and annotated figures side by side; in section 6, every annotation of the
/// period with its reason, note, who proposed and decided it and when. A report without
/// annotations gets neither.
/// </summary>
internal static class ReportAnnotationBlocks
{
    /// <summary>The original and annotated figures of every parameter that approved annotations touch.</summary>
    public static void Compare(List<ReportBlock> blocks, ComplianceReport r, ReportTexts t, bool daily)
    {
        var rows = new List<ReportRow>();
        foreach (var p in r.Parameters)
        {
            if (p.Annotated is not { } a)
            {
                continue;
            }

            var name = ReportDocumentBuilder.Named(t, p);
            var figures = new (string Label, string Original, string Annotated, bool Always)[]
            {
                (t["validRecords"], t.Count(p.Valid), t.Count(a.Valid), true),
                (t["completeness"], t.Percent(p.Completeness), t.Percent(a.Completeness), true),
                (t["annotated.excluded"], t.Count(p.Excluded.Annotated), t.Count(a.Excluded.Annotated), true),
                (t[daily ? "days" : "hours"], $"{t.Count(p.CountedWindows)} / {t.Count(p.Windows)}", $"{t.Count(a.CountedWindows)} / {t.Count(a.Windows)}", false),
                (t["overTotal"], t.Count(p.ExceedanceCount), t.Count(a.ExceedanceCount), false),
                (t["worst"], Mean(t, p.MaxMultiple), Mean(t, a.MaxMultiple), false),
                (t["peak"], Peak(t, p.PeakReading), Peak(t, a.PeakReading), false),
            };
            foreach (var (label, original, annotated, always) in figures)
            {
                if (always || original != annotated)
                {
                    rows.Add(new ReportRow([name, label, original, annotated]));
                }
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        blocks.Add(new ReportParagraph(t["annotated.intro"]));
        blocks.Add(new ReportTable([t["parameter"], t["annotated.figure"], t["annotated.original"], t["annotated.annotated"]], [2.2, 2, 1.2, 1.2], rows));
    }

    /// <summary>Section 6: every annotation of the station that touches the period, in any state.</summary>
    public static void List(List<ReportBlock> blocks, ComplianceReport r, ReportTexts t)
    {
        if (r.Annotations is not { Count: > 0 } annotations)
        {
            return;
        }

        blocks.Add(new ReportHeading(t["s.annotations"], 1));
        blocks.Add(new ReportParagraph(t["annotations.note"]));
        var units = r.Parameters.ToDictionary(p => p.Parameter, p => p.Unit is "-" or "" ? "" : " " + p.Unit, StringComparer.Ordinal);
        blocks.Add(new ReportTable(
            [t["parameter"], t["annotation.period"], t["annotation.reason"], t["annotation.note"], t["annotation.proposed"], t["annotation.decision"]],
            [1.2, 1.8, 1.5, 2.2, 1.5, 2],
            annotations.Select(a => new ReportRow(
            [
                t.Parameter(a.Parameter),
                $"{t.DateTime(a.From)} – {t.DateTime(a.To)}",
                t.Reason(a.Reason) + (a.Value is { } v ? ", " + t.Format("annotation.value", t.Number(v) + units.GetValueOrDefault(a.Parameter, "")) : ""),
                a.Note,
                $"{a.ProposedBy}, {t.DateTime(a.ProposedAt)}",
                t.State(a.State) + (a.DecidedBy is { } by ? $": {by}, {t.DateTime(a.DecidedAt!.Value)}" : "") + (a.DecisionNote is { Length: > 0 } note ? $" ({note})" : ""),
            ])).ToList()));
    }

    private static string Mean(ReportTexts t, ReportWorstWindow? worst) => worst is { } w ? t.Number(w.Mean) : t["none"];

    private static string Peak(ReportTexts t, ReportPeak? peak) => peak is { } p ? t.Number(p.Value) : t["none"];
}
