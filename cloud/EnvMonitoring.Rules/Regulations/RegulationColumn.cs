namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// One column of a regulation's limit table (QCVN 40:2011 <c>A</c>: receiving water used for
/// domestic supply). <see cref="ReferenceO2Percent"/> is the oxygen content concentrations are
/// corrected to, for emission standards that define one (QCVN 19:2024); null when none or not yet known.
/// </summary>
public sealed record RegulationColumn(string Code, string Description, Confidence Confidence, decimal? ReferenceO2Percent);
