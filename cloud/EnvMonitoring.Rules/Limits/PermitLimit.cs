namespace EnvMonitoring.Rules.Limits;

/// <summary>
/// A limit written in a station's permit for one parameter (catalog code, canonical unit). It
/// replaces the regulation's limit for that parameter. <see cref="Reference"/> names the permit.
/// </summary>
public sealed record PermitLimit(string Parameter, double? Min, double? Max, string Reference);
