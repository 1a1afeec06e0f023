using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// One band of values outside a range limit (Decree 45/2022's pH bands): below the range's lower
/// bound down to <see cref="LowerFrom"/> (inclusive), above its upper bound up to
/// <see cref="UpperBelow"/> (exclusive); null: open (the last band). <see cref="Severity"/> is the
/// level the platform shows and routes the band as (a platform choice, not law).
/// </summary>
public sealed record RangeBand(int Number, decimal? LowerFrom, decimal? UpperBelow, Severity Severity, Confidence Confidence);
