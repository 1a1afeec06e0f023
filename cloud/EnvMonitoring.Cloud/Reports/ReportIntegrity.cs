using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// One local day of a report checked against its seals when the report was made (docs/evidence.md):
/// the verdict (<c>intact</c>, <c>tampered</c>, <c>unsealed</c>), the seal versions the figures were
/// computed from (full ids, oldest first), what they cover, and the findings counted by kind
/// (<c>GET /api/integrity</c> lists each).
/// </summary>
public sealed record ReportIntegrity(
    string Day, string Verdict, IReadOnlyList<string> Seals, int SealedSamples, int SealedEvents, int AwaitingSeal,
    int Altered, int Deleted, int Inserted, int SealProblems)
{
    /// <summary>Periods up to this many days are checked against their seals; longer ones name the seals only (<see cref="NotChecked"/>).</summary>
    public const int MaxCheckedDays = 31;

    /// <summary>The verdict of a day whose seals are named but not checked (a long period).</summary>
    public const string NotCheckedVerdict = "notChecked";

    /// <summary>A day of a long report: its seals named, oldest first, not checked; unsealed when it has none.</summary>
    public static ReportIntegrity NotChecked(DateOnly day, IReadOnlyList<SignedSeal> seals)
    {
        ArgumentNullException.ThrowIfNull(seals);
        var ordered = seals.OrderBy(s => s.Parsed.Version).ToList();
        return new ReportIntegrity(
            ProvinceTime.DayText(day),
            ordered.Count == 0 ? WireName.Of(DayVerdict.Unsealed) : NotCheckedVerdict,
            [.. ordered.Select(s => s.Id)],
            ordered.Sum(s => s.Parsed.Samples), ordered.Sum(s => s.Parsed.Events), 0, 0, 0, 0, 0);
    }

    public static ReportIntegrity Of(DayIntegrity day)
    {
        ArgumentNullException.ThrowIfNull(day);
        int Count(FindingKind kind) => day.Findings.Count(f => f.Kind == kind);
        return new ReportIntegrity(
            ProvinceTime.DayText(day.Day), WireName.Of(day.Verdict), day.Seals,
            day.SealedSamples, day.SealedEvents, day.AwaitingSeal,
            Count(FindingKind.Altered), Count(FindingKind.Deleted), Count(FindingKind.Inserted), Count(FindingKind.Seal));
    }
}
