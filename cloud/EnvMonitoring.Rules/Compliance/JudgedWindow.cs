using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Rules.Compliance;

/// <summary>
/// One judging window of a report (a local day or an hour): its valid mean against the limit.
/// The mean <see cref="Counted"/> only when the window holds at least the minimum completeness of
/// its expected records; an uncounted window shows its mean and judgement but is not an exceedance.
/// </summary>
/// <param name="Start">The window's first instant.</param>
/// <param name="End">The instant after its last.</param>
/// <param name="Stats">The window's valid readings and exclusions.</param>
/// <param name="Expected">The records the station's interval expects in the part of the window inside the period.</param>
/// <param name="Completeness">Valid records over expected.</param>
/// <param name="Counted">The mean counts (enough valid records).</param>
/// <param name="Judgement">The mean against the limit; null without a limit or without a mean.</param>
public sealed record JudgedWindow(
    DateTimeOffset Start,
    DateTimeOffset End,
    WindowStats Stats,
    double Expected,
    double Completeness,
    bool Counted,
    LimitJudgement? Judgement)
{
    public double? Mean => Stats.Mean;

    /// <summary>The multiple of a one-sided limit; null for a range (<see cref="LimitJudgement.Bound"/> says which bound).</summary>
    public double? Multiple => Judgement?.Multiple;

    public Severity Severity => Judgement?.Level ?? Severity.None;

    /// <summary>A counted mean above the limit (Decree 45/2022: warning or a tier).</summary>
    public bool IsExceedance => Counted && Severity >= Severity.Warning;
}
