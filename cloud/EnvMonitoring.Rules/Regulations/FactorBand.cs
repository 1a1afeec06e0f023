namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// A band of a factor table: applies to inputs above the previous band's <see cref="UpTo"/> and up
/// to and including this one (<c>null</c>: no upper bound). <see cref="Value"/> is null while still to fill.
/// </summary>
public sealed record FactorBand(decimal? UpTo, decimal? Value, Confidence Confidence);
