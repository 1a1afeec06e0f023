using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Stations;

/// <summary>Per-station overrides of <see cref="RuleSettings"/>; an absent value keeps the platform default.</summary>
public sealed class RuleOverrides
{
    public double? MinimumCompleteness { get; set; }

    public double? ApproachRatio { get; set; }

    public TimeSpan? ClearTime { get; set; }

    public TimeSpan? DeadManClearTime { get; set; }

    public TimeSpan? FlapWindow { get; set; }

    public TimeSpan? SustainedFor { get; set; }

    public TimeSpan? FlatLineAfter { get; set; }

    public TimeSpan? SilentAfter { get; set; }

    public TimeSpan? OfflineAfter { get; set; }

    public TimeSpan? LateAfter { get; set; }

    public Dictionary<string, double> RateOfChangePerHour { get; set; } = [];

    public List<RuleKind> Disabled { get; set; } = [];

    public RuleSettings Apply(RuleSettings defaults, TimeSpan reportInterval) => defaults with
    {
        ReportInterval = reportInterval,
        MinimumCompleteness = MinimumCompleteness ?? defaults.MinimumCompleteness,
        ApproachRatio = ApproachRatio ?? defaults.ApproachRatio,
        ClearTime = ClearTime ?? defaults.ClearTime,
        DeadManClearTime = DeadManClearTime ?? defaults.DeadManClearTime,
        FlapWindow = FlapWindow ?? defaults.FlapWindow,
        SustainedFor = SustainedFor ?? defaults.SustainedFor,
        FlatLineAfter = FlatLineAfter ?? defaults.FlatLineAfter,
        SilentAfter = SilentAfter ?? defaults.SilentAfter,
        OfflineAfter = OfflineAfter ?? defaults.OfflineAfter,
        LateAfter = LateAfter ?? defaults.LateAfter,
        RateOfChangePerHour = RateOfChangePerHour.Count == 0 ? defaults.RateOfChangePerHour : new Dictionary<string, double>(RateOfChangePerHour, StringComparer.Ordinal),
        Disabled = Disabled.Count == 0 ? defaults.Disabled : Disabled.ToHashSet(),
    };
}
