using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Rules.Regulations;

/// <summary>A penalty tier: exceedance multiples from <see cref="From"/> (inclusive) up to the next tier's bound are <see cref="Severity"/>.</summary>
public sealed record SeverityTier(Severity Severity, decimal From, Confidence Confidence);
