using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Rules.Compliance;

/// <summary>
/// The compliance of one parameter of one station over a period: completeness, exclusions,
/// judged means against the limit, exceedances per Decree 45/2022 tier and the worst cases.
/// </summary>
public sealed record ParameterCompliance(
    Parameter Parameter,
    ParameterLimit? Limit,
    JudgingBasis Basis,
    DateTimeOffset From,
    DateTimeOffset To,
    WindowStats Totals,
    long Expected,
    double Completeness,
    IReadOnlyList<JudgedWindow> Windows,
    IReadOnlyDictionary<Severity, int> Exceedances,
    JudgedWindow? WorstWindow,
    PeakReading? PeakReading,
    IReadOnlyList<DataGap> Gaps)
{
    /// <summary>The severities that are exceedances, in order: warning (above 1×, below 1.1×) then the six tiers.</summary>
    public static IReadOnlyList<Severity> ExceedanceLevels { get; } =
        [Severity.Warning, Severity.From1Point1, Severity.From1Point5, Severity.From2, Severity.From3, Severity.From5, Severity.From10];

    public int ExceedanceCount => Exceedances.Values.Sum();

    public int CountedWindows => Windows.Count(w => w.Counted);
}
