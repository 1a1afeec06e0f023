using EnvMonitoring.Rules.Compliance;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>What a local-day judgement of one parameter needs: day stats, the hours without any reading, the candidate peaks.</summary>
internal sealed class DayInputs
{
    public List<HourStats> Days { get; } = [];

    public List<DateTimeOffset> EmptyHours { get; } = [];

    public List<(DateTimeOffset Hour, double Value)> Extremes { get; } = [];
}
