namespace EnvMonitoring.Rules.Regulations;

/// <summary>A categorical entry of a factor table (QCVN 19:2009 Kv <c>industrial</c> → 1.0). <see cref="Value"/> is null while still to fill.</summary>
public sealed record FactorChoice(string Code, string Description, decimal? Value, Confidence Confidence);
