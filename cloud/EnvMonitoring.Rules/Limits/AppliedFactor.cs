using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Limits;

/// <summary>A coefficient as applied to a station, with what determined it (e.g. <c>dischargeM3PerDay 1200 in 500–5000</c>).</summary>
public sealed record AppliedFactor(string Name, decimal Value, Confidence Confidence, string Basis);
