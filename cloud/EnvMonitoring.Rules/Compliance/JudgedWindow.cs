using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Rules.Compliance;

/// <summary>
/// One judging window of a report (a local day or an hour): its valid mean against the limit.
/// The mean <see cref="Counted"/> only when the window holds at least the minimum completeness of
/// its expected records; an uncounted window shows its mean and multiple but is not an exceedance.
/// </summary>
public sealed record JudgedWindow(
    DateTimeOffset Start,
    DateTimeOffset End,
    WindowStats Stats,
    double Expected,
    double Completeness,
    bool Counted,
    double? Multiple,
    Severity Severity)
{
    public double? Mean => Stats.Mean;

    /// <summary>A counted mean above the limit (Decree 45/2022: warning or a tier).</summary>
    public bool IsExceedance => Counted && Severity >= Severity.Warning;
}
