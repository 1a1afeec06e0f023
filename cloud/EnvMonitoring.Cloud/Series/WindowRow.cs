using EnvMonitoring.Rules.Compliance;

namespace EnvMonitoring.Cloud.Series;

/// <summary>One window of an aggregated series: its start and, per parameter asked (same order), the stats.</summary>
internal sealed record WindowRow(DateTimeOffset Start, WindowStats[] Stats)
{
    public bool HasReadings => Stats.Any(s => s.Total > 0);
}
