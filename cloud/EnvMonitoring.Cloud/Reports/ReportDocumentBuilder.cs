using EnvMonitoring.Cloud.Stations;
namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// Turns a <see cref="ComplianceReport"/> into the <see cref="ReportDocument"/> people sign: names
/// instead of codes, the limit's regulation, column and coefficients in words, each judged window
/// with its completeness and tier, gaps, calibration, alerts, the data's SHA-256, each day's seals
/// and integrity (<see cref="ReportIntegrityBlocks"/>) and the signatures.
/// </summary>
internal static class ReportDocumentBuilder
{
    private const int MaxListed = 60;

    public static ReportDocument Build(ComplianceReport r, ReportTexts t, string sha256, string place)
    {
        var daily = r.Basis != "hourlyMean";
        var blocks = new List<ReportBlock>();
        if (t.Language == ReportLanguage.Vi)
        {
            blocks.Add(new ReportCentered(t["nation"], true));
            blocks.Add(new ReportCentered(t["motto"], false));
        }

        var title = t[r.Medium == "air" ? "title.air" : "title.water"];
        var lastDay = t.Date(r.To.AddDays(-1));
        blocks.Add(new ReportCentered(title, true));
        blocks.Add(new ReportCentered(t.Format("period.line", t.Date(r.From), lastDay), false));

        blocks.Add(new ReportHeading(t["s.general"], 1));
        blocks.Add(new ReportFacts(
        [
            new(t["facility"], r.Facility ?? t["unknown"]),
            new(t["permit"], r.Permit ?? t["unknown"]),
            new(t["park"], r.ParkName ?? r.Park),
            new(t["station"], r.Name == r.Station ? r.Station : $"{r.Name} ({r.Station})"),
            new(t["medium"], t[r.Medium == "air" ? "medium.air" : "medium.water"]),
            new(t["period"], t.Format("period.value", t.Date(r.From), lastDay, t.Count((long)Math.Round((r.To - r.From).TotalDays)))),
            new(t["basis"], t[daily ? "basis.localDayMean" : "basis.hourlyMean"]),
            new(t["interval"], t.Format("interval.value", t.Number(r.ExpectedIntervalSeconds / 60.0, 1), t.Count(86_400 / Math.Max(1, r.ExpectedIntervalSeconds)))),
            new(t["minimum"], t.Format("minimum.value", t.Percent(r.MinimumCompleteness))),
            new(t["tiers"], t["tiers.value"]),
            new(t["generated"], t.Format("generated.value", t.DateTime(r.GeneratedAt), r.GeneratedBy)),
            ReportIntegrityBlocks.Fact(r, t),
        ]));

        blocks.Add(new ReportHeading(t["s.summary"], 1));
        blocks.Add(new ReportTable(
            [t["parameter"], t["limitCol"], t["completeness"], t[daily ? "daysCounted" : "hoursCounted"], t["overCount"], t["worst"]],
            [2.2, 1.4, 1.2, 1.4, 1, 2.2],
            r.Parameters.Select(p => new ReportRow(
            [
                Named(t, p), LimitValue(p, t), t.Percent(p.Completeness),
                $"{t.Count(p.CountedWindows)} / {t.Count(p.Windows)}", t.Count(p.ExceedanceCount),
                p.MaxMultiple is { } m ? $"{t.Number(m.Mean)} ({Measure(t, m.Mean, m.Multiple, m)}), {(daily ? t.Date(m.Start) : t.DateTime(m.Start))}" : t["none"],
            ], p.ExceedanceCount > 0)).ToList()));
        ReportAnnotationBlocks.Compare(blocks, r, t, daily);

        blocks.Add(new ReportHeading(t["s.parameters"], 1));
        var n = 0;
        foreach (var p in r.Parameters)
        {
            n++;
            Parameter(blocks, p, t, daily, $"3.{n}");
        }

        blocks.Add(new ReportHeading(t["s.alerts"], 1));
        Alerts(blocks, r, t);

        blocks.Add(new ReportHeading(t["s.notes"], 1));
        blocks.Add(new ReportParagraph(t["note.valid"]));
        blocks.Add(new ReportParagraph(t["note.completeness"]));
        blocks.Add(new ReportParagraph(t["note.gaps"]));
        blocks.Add(new ReportParagraph(t["note.alerts"]));
        // "To verify" said once per regulation, not on every value that comes from it.
        foreach (var regulation in r.Parameters.Select(p => p.Limit).Where(l => l is { ToVerify: true }).Select(l => l!.Regulation ?? l.Permit ?? "").Distinct(StringComparer.Ordinal))
        {
            blocks.Add(new ReportParagraph(t.Format("note.toVerify", regulation)));
        }

        ReportAnnotationBlocks.List(blocks, r, t);
        blocks.Add(new ReportFacts([new(t["sha"], sha256)]));
        blocks.Add(new ReportParagraph(t["sha.note"], Muted: true));
        ReportIntegrityBlocks.Add(blocks, r, t);
        blocks.Add(new ReportSignature(
            t.Format("signature.placeDate", place, r.GeneratedAt.ToOffset(Protocol.Time.ProvinceTime.Offset)),
            t["signature.author"], t["signature.sign"], r.GeneratedBy, t["signature.head"], t["signature.seal"]));
        return new ReportDocument(t, $"{title} — {r.Facility ?? r.Name} — {t.Date(r.From)}–{lastDay}", sha256, blocks);
    }

    private static void Parameter(List<ReportBlock> blocks, ParameterReport p, ReportTexts t, bool daily, string number)
    {
        blocks.Add(new ReportHeading($"{number}. {Named(t, p)}", 2));
        var facts = new List<ReportFact>
        {
            new(t["limit"], Citation(p, t)),
            new(t["expected"], t.Count(p.Expected)),
            new(t["validRecords"], t.Count(p.Valid)),
            new(t["completeness"], t.Percent(p.Completeness)),
            new(t["calibrating"], t.Count(p.Excluded.Calibrating)),
            new(t["fault"], t.Count(p.Excluded.Fault)),
            new(t["invalid"], t.Count(p.Excluded.Invalid)),
            new(t[daily ? "days" : "hours"], $"{t.Count(p.CountedWindows)} / {t.Count(p.Windows)}"),
        };
        foreach (var (tier, count) in p.Exceedances)
        {
            facts.Add(new(t.Severity(tier), t.Count(count), count > 0));
        }

        facts.Add(new(t["overTotal"], t.Count(p.ExceedanceCount), p.ExceedanceCount > 0));
        facts.Add(new(t["gapHours"], t.Number(p.Gaps.Sum(g => g.Hours), 1)));
        if (p.PeakReading is { } peak)
        {
            facts.Add(new(t["peak"], $"{t.Number(peak.Value)}{Unit(p)} ({Measure(t, peak.Value, peak.Multiple, peak)}), {t.DateTime(peak.At)}{(peak.Exact ? "" : $" ({t["peak.hourOnly"]})")}"));
        }

        blocks.Add(new ReportFacts(facts));
        if (p.Means.Count > 0)
        {
            blocks.Add(new ReportChart(
                Named(t, p), t["chart.legend"],
                p.Means.Select(w => new ReportChartPoint(
                    daily ? w.Start.ToString("dd/MM", System.Globalization.CultureInfo.InvariantCulture) : t.DateTime(w.Start), w.Mean,
                    !w.Counted ? ReportPointState.NotCounted : Beyond(w.Severity) ? ReportPointState.Beyond : ReportPointState.Within)).ToList(),
                new[] { p.Limit?.Min, p.Limit?.Max }.OfType<double>().Select(v => (v, t.Format("chart.limit", t.Number(v)))).ToList()));
        }

        var windows = daily ? p.Means : p.Means.Where(w => w.Counted && Beyond(w.Severity)).ToList();
        if (!daily && windows.Count > 0)
        {
            blocks.Add(new ReportParagraph(t["windows.over"]));
        }

        if (windows.Count > 0)
        {
            blocks.Add(new ReportTable(
                [t[daily ? "day" : "hour"], t["mean"], t["min"], t["max"], t["completeness"], t["counted"], t["against"], t["tier"]],
                [1.3, 1, 1, 1, 1, 1.3, 1.1, 2],
                windows.Select(w => new ReportRow(
                [
                    daily ? t.Date(w.Start) : t.DateTime(w.Start), N(t, w.Mean), N(t, w.Min), N(t, w.Max), t.Percent(w.Completeness),
                    t[w.Counted ? "yes" : "no"], w.Mean is null ? "" : Measure(t, w.Mean, w.Multiple, w), w.Counted ? t.Severity(w.Severity) : "",
                ], w.Counted && Beyond(w.Severity))).ToList()));
        }

        blocks.Add(new ReportParagraph(t["gaps"]));
        if (p.Gaps.Count == 0)
        {
            blocks.Add(new ReportParagraph(t["gaps.none"], Muted: true));
        }
        else
        {
            blocks.Add(new ReportTable(
                [t["from"], t["to"], t["hoursCol"]], [1, 1, 1],
                p.Gaps.Take(MaxListed).Select(g => new ReportRow([t.DateTime(g.From), t.DateTime(g.To), t.Number(g.Hours, 1)])).ToList()));
            if (p.Gaps.Count > MaxListed)
            {
                blocks.Add(new ReportParagraph(t.Format("gaps.more", t.Count(p.Gaps.Count - MaxListed)), Muted: true));
            }
        }

        blocks.Add(new ReportParagraph(t["calibrations"]));
        if (p.Calibrations.Count == 0)
        {
            blocks.Add(new ReportParagraph(t["calibrations.none"], Muted: true));
        }
        else
        {
            blocks.Add(new ReportTable(
                [t["from"], t["to"], t["records"]], [1, 1, 1],
                p.Calibrations.Take(MaxListed).Select(c => new ReportRow([t.DateTime(c.From), t.DateTime(c.To), t.Count(c.Records)])).ToList()));
            if (p.Calibrations.Count > MaxListed)
            {
                blocks.Add(new ReportParagraph(t.Format("gaps.more", t.Count(p.Calibrations.Count - MaxListed)), Muted: true));
            }
        }
    }

    private static void Alerts(List<ReportBlock> blocks, ComplianceReport r, ReportTexts t)
    {
        if (r.Alerts is null)
        {
            blocks.Add(new ReportParagraph(t["alerts.unavailable"], Muted: true));
            return;
        }

        blocks.Add(new ReportFacts([new(t["alertCount"], t.Count(r.Alerts.Count))]));
        if (r.Alerts.Count == 0)
        {
            blocks.Add(new ReportParagraph(t["alerts.none"], Muted: true));
            return;
        }

        blocks.Add(new ReportTable(
            [t["when"], t["parameter"], t["rule"], t["event"], t["tier"], t["value"], t["against"], t["by"]],
            [2, 1.3, 1.2, 1, 1.6, 0.8, 0.9, 1.2],
            r.Alerts.Select(a => new ReportRow(
            [
                a.Rule == "localDayMean" ? t.Format("dayOf", t.Date(a.MeasuredAt.AddTicks(-1))) : t.DateTime(a.MeasuredAt),
                a.Parameter is null ? "" : t.Parameter(a.Parameter), t.Rule(a.Rule), t.Event(a.Event) + (a.Late ? " " + t["late"] : ""),
                t.Severity(a.Severity) + (a.Band is { } band ? ", " + t.Format("band", band) : ""),
                N(t, a.Value), a.Value is null ? "" : Measure(t, a.Value, a.Multiple, a.Bound, a.Limit, null),
                string.Join(": ", new[] { a.User, a.Note }.Where(x => !string.IsNullOrEmpty(x))),
            ], Beyond(a.Severity) && a.Event is "opened" or "escalated")).ToList()));
    }

    /// <summary>The limit in short: 100, ≥ 5, 5,5–9.</summary>
    private static string LimitValue(ParameterReport p, ReportTexts t) => p.Limit switch
    {
        { Min: { } min, Max: { } max } => $"{t.Number(min)}–{t.Number(max)}",
        { Max: { } max } => $"≤ {t.Number(max)}",
        { Min: { } min } => $"≥ {t.Number(min)}",
        _ => t["noLimit"],
    };

    /// <summary>
    /// The limit cited in words: "≤ 67,5 mg/L — QCVN 40:2011/BTNMT, cột A; Cmax = C × Kq × Kf; Kq = 0,9
    /// (lưu lượng sông mùa khô 30 m³/s); Kf = 1 (lưu lượng xả thải 1.200 m³/ngày)".
    /// </summary>
    private static string Citation(ParameterReport p, ReportTexts t)
    {
        if (p.Limit is not { } limit)
        {
            return t["noLimit"];
        }

        var parts = new List<string>();
        if (limit.Regulation is { } regulation)
        {
            parts.Add(t.Format("limit.regulation", regulation, limit.Column));
            if (limit.Factors.Count > 0)
            {
                parts.Add(t.Format("limit.formula", string.Join(" × ", limit.Factors.Select(f => f.Name))));
            }

            parts.AddRange(limit.Factors.Select(f => $"{f.Name} = {t.Coefficient(f.Value)} ({Input(f, t)})"));
        }
        else if (limit.Permit is { } permit)
        {
            parts.Add(t.Format("limit.permit", permit));
        }

        var text = $"{LimitValue(p, t)}{Unit(p)}" + (parts.Count > 0 ? " — " + string.Join("; ", parts) : "");
        return text;
    }

    private static string Input(ReportFactor f, ReportTexts t) => f switch
    {
        { Input: null } => t["limit.declared"],
        _ when SiteInputWords.Of(f.Input, f.Choice) is { } words => words.Say(t.Language == ReportLanguage.Vi, f.Quantity is { } q ? t.Number(q) : ""),
        _ => f.Choice ?? (f.Quantity is { } q ? t.Number(q) : ""),
    };

    /// <summary>"Nhu cầu oxy hóa học (COD) (mg/L)"; pH has no unit to show.</summary>
    internal static string Named(ReportTexts t, ParameterReport p) => p.Unit is "-" or "" ? t.Parameter(p.Parameter) : $"{t.Parameter(p.Parameter)} ({p.Unit})";

    private static string Unit(ParameterReport p) => p.Unit is "-" or "" ? "" : " " + p.Unit;

    private static bool Beyond(string severity) => severity is not ("none" or "approaching");

    private static string N(ReportTexts t, double? value) => value is { } v ? t.Number(v) : "–";

    private static string Measure(ReportTexts t, double? value, double? multiple, ReportJudged judged) =>
        Measure(t, value, multiple, judged.Bound, judged.Limit, judged.Band);

    /// <summary>"2,5 lần" for a one-sided limit; for a range (no multiple) "&lt; 5,5, dải 1".</summary>
    private static string Measure(ReportTexts t, double? value, double? multiple, string? bound, double? limit, int? band)
    {
        var text = multiple is { } m
            ? t.Format("times", t.Number(m, 2))
            : (value, bound, limit) switch
            {
                ({ } v, "lower", { } l) => $"{(v < l ? "<" : "≥")} {t.Number(l)}",
                ({ } v, not null, { } l) => $"{(v > l ? ">" : "≤")} {t.Number(l)}",
                _ => "",
            };
        return band is { } b ? $"{text}, {t.Format("band", b)}" : text;
    }
}
