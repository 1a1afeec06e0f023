namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// The report's words on its data's integrity: a line in the general information (plainly, when a day
/// is not intact) and a section listing each day's verdict and the seals its figures were computed from.
/// </summary>
internal static class ReportIntegrityBlocks
{
    /// <summary>Versions beyond this many are summed up: the last one names every version before it.</summary>
    private const int MaxVersionsShown = 3;

    /// <summary>The general information's line: intact, or which days are not.</summary>
    public static ReportFact Fact(ComplianceReport r, ReportTexts t)
    {
        var tampered = Days(r, "tampered", t);
        if (tampered.Count > 0)
        {
            return new ReportFact(t["integrity"], t.Format("integrity.fact.tampered", string.Join(", ", tampered)), Bad: true);
        }

        if (r.Integrity.Count == 0)
        {
            return new ReportFact(t["integrity"], t["integrity.none"]);
        }

        var notChecked = r.Integrity.Count(d => d.Verdict == ReportIntegrity.NotCheckedVerdict);
        if (notChecked > 0)
        {
            return new ReportFact(t["integrity"], t.Format("integrity.fact.notChecked", t.Count(notChecked), ReportIntegrity.MaxCheckedDays));
        }

        var sealedDays = r.Integrity.Count(d => d.Verdict == "intact");
        var unsealed = r.Integrity.Count - sealedDays;
        return new ReportFact(t["integrity"], unsealed == 0
            ? t.Format("integrity.fact.intact", t.Count(sealedDays))
            : t.Format("integrity.fact.partly", t.Count(sealedDays), t.Count(unsealed)));
    }

    public static void Add(List<ReportBlock> blocks, ComplianceReport r, ReportTexts t)
    {
        blocks.Add(new ReportHeading(t["s.integrity"], 1));
        if (r.Integrity.Count == 0)
        {
            blocks.Add(new ReportParagraph(t["integrity.none"], Muted: true));
            return;
        }

        blocks.Add(new ReportParagraph(t["integrity.intro"]));
        if (r.Integrity.Any(d => d.Verdict == ReportIntegrity.NotCheckedVerdict))
        {
            blocks.Add(new ReportParagraph(t.Format("integrity.notChecked", ReportIntegrity.MaxCheckedDays)));
        }

        var tampered = Days(r, "tampered", t);
        blocks.Add(new ReportParagraph(tampered.Count > 0
            ? t.Format("integrity.notIntact", t.Count(tampered.Count), string.Join(", ", tampered))
            : t["integrity.allIntact"]));
        var unsealed = Days(r, "unsealed", t);
        if (unsealed.Count > 0)
        {
            blocks.Add(new ReportParagraph(t.Format("integrity.unsealed", t.Count(unsealed.Count), string.Join(", ", unsealed))));
        }

        blocks.Add(new ReportTable(
            [t["day"], t["integrity.verdict"], t["integrity.seals"], t["integrity.covered"], t["integrity.findings"]],
            [1.1, 1.3, 2.6, 1.6, 2.2],
            r.Integrity.Select(d => new ReportRow(
            [
                Date(d.Day, t), t.Verdict(d.Verdict), Versions(d.Seals),
                t.Format("integrity.covered.value", t.Count(d.SealedSamples), t.Count(d.SealedEvents))
                    + (d.AwaitingSeal > 0 ? "; " + t.Format("integrity.awaiting", t.Count(d.AwaitingSeal)) : ""),
                d.Altered + d.Deleted + d.Inserted + d.SealProblems == 0
                    ? t["none"]
                    : t.Format("integrity.findings.value", t.Count(d.Altered), t.Count(d.Deleted), t.Count(d.Inserted), t.Count(d.SealProblems)),
            ], d.Verdict == "tampered")).ToList()));
        blocks.Add(new ReportParagraph(t["integrity.note"], Muted: true));
    }

    /// <summary>"v1 0123456789abcdef, v2 …"; beyond <see cref="MaxVersionsShown"/>, the first, a count and the last.</summary>
    private static string Versions(IReadOnlyList<string> seals)
    {
        string Version(int i) => $"v{i + 1} {seals[i][..16]}";
        return seals.Count <= MaxVersionsShown
            ? string.Join(", ", seals.Select((_, i) => Version(i)))
            : $"{Version(0)}, …, {Version(seals.Count - 1)}";
    }

    private static List<string> Days(ComplianceReport r, string verdict, ReportTexts t) =>
        [.. r.Integrity.Where(d => d.Verdict == verdict).Select(d => Date(d.Day, t))];

    private static string Date(string day, ReportTexts t) =>
        t.Date(Protocol.Time.ProvinceTime.StartOf(Protocol.Time.ProvinceTime.TryParseDay(day, out var date) ? date : throw new FormatException($"Not a day: {day}")));
}
