using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Rules.Compliance;

/// <summary>
/// Which mean a compliance report judges against the limit. No law fixes it (DOMAIN.md "Judging
/// compliance"); the platform defaults are the local-day mean for wastewater and the hourly mean
/// for stack emissions.
/// </summary>
public enum JudgingBasis
{
    HourlyMean,
    LocalDayMean,
}

/// <summary>The platform's default <see cref="JudgingBasis"/> per medium.</summary>
public static class JudgingBases
{
    public static JudgingBasis For(Medium medium) => medium == Medium.Air ? JudgingBasis.HourlyMean : JudgingBasis.LocalDayMean;

    public static TimeSpan Length(this JudgingBasis basis) => basis == JudgingBasis.HourlyMean ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
}
