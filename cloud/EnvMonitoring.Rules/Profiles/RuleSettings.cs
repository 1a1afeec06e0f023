namespace EnvMonitoring.Rules.Profiles;

/// <summary>
/// The tunable parameters of the rules for one station. No law fixes an averaging window, a data
/// completeness or an alerting hysteresis (DOMAIN.md "Judging compliance"), so every default here
/// is a <b>platform choice, not law</b>, unless its documentation says otherwise. docs/rules.md
/// lists them all.
/// </summary>
public sealed record RuleSettings
{
    public static RuleSettings Default { get; } = new();

    /// <summary>Expected time between records: 5 minutes, 288 a day (Circular 10/2021 practice, DOMAIN.md). Must divide one hour.</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Share of the expected records a mean needs to count. Platform default 0.75.</summary>
    public double MinimumCompleteness { get; init; } = 0.75;

    /// <summary>Multiple of the limit from which a value is "approaching"; null: no approaching level. Platform default 0.8.</summary>
    public double? ApproachRatio { get; init; } = 0.8;

    /// <summary>Hysteresis: a level is left only at or below this share of where it starts (an exceedance clears at 95% of the limit). Platform default 0.95.</summary>
    public double ClearRatio { get; init; } = 0.95;

    /// <summary>How long, in measurement time, a condition must stay below the hysteresis before its alert clears or de-escalates. Platform default 15 min.</summary>
    public TimeSpan ClearTime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Clear time of local-day alerts: one compliant day is enough. Platform default 0.</summary>
    public TimeSpan DayClearTime { get; init; } = TimeSpan.Zero;

    /// <summary>Clear time of offline and silence alerts once data flows again. Platform default 5 min.</summary>
    public TimeSpan DeadManClearTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>An alert reopening within this time of its cause's last clear is flapping: its clear time doubles. Platform default 1 h.</summary>
    public TimeSpan FlapWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How many times flapping may double the clear time (3: up to 8×). Platform default.</summary>
    public int FlapMaxDoublings { get; init; } = 3;

    /// <summary>How long every valid reading must exceed for a <see cref="RuleKind.Sustained"/> alert. Platform default 30 min.</summary>
    public TimeSpan SustainedFor { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a value may stay unchanged before the probe is judged stuck; null: off. Platform default 60 min.</summary>
    public TimeSpan? FlatLineAfter { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Largest change still counted as "unchanged" for the flat-line rule. Platform default 0 (exactly equal).</summary>
    public double FlatLineTolerance { get; init; }

    /// <summary>
    /// A parameter with no reading this long is silent (while its station still sends); also the
    /// longest gap that does not break a sustained run, a rate of change or a flat line. Platform default 15 min.
    /// </summary>
    public TimeSpan SilentAfter { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A station with no reading this long is offline. DOMAIN.md's default, a platform choice: 15 min.</summary>
    public TimeSpan OfflineAfter { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A reading whose measurement time is older than this when evaluated is late; its events are marked late. Platform default 15 min.</summary>
    public TimeSpan LateAfter { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after the end of a local day its mean is judged, to wait for the last transmissions. Platform default 15 min.</summary>
    public TimeSpan DayCloseGrace { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How far back readings are kept for the rolling windows (so late data up to Retention − 24 h is judged with a full day). Platform default 48 h.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Largest change per hour per parameter code for <see cref="RuleKind.RateOfChange"/>. No law sets one: empty by default (rule off).</summary>
    public IReadOnlyDictionary<string, double> RateOfChangePerHour { get; init; } = new Dictionary<string, double>();

    /// <summary>Parameters whose negative values are real (temperatures); below zero any other value is invalid and excluded. Platform default.</summary>
    public IReadOnlySet<string> NegativeAllowed { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "Temp", "GasTemp" };

    /// <summary>Rules switched off for the station. None by default.</summary>
    public IReadOnlySet<RuleKind> Disabled { get; init; } = new HashSet<RuleKind>();

    public bool IsEnabled(RuleKind rule) => !Disabled.Contains(rule);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Check(ReportInterval >= TimeSpan.FromSeconds(1) && TimeSpan.TicksPerHour % ReportInterval.Ticks == 0, nameof(ReportInterval), "must be at least 1 s and divide one hour");
        Check(MinimumCompleteness is > 0 and <= 1, nameof(MinimumCompleteness), "must be in (0, 1]");
        Check(ApproachRatio is null or > 0 and < 1, nameof(ApproachRatio), "must be in (0, 1) or null");
        Check(ClearRatio is > 0 and <= 1, nameof(ClearRatio), "must be in (0, 1]");
        Check(ApproachRatio is null || ApproachRatio * ClearRatio > 0, nameof(ClearRatio), "must keep a positive clear level");
        Check(ClearTime >= TimeSpan.Zero && DayClearTime >= TimeSpan.Zero && DeadManClearTime >= TimeSpan.Zero, nameof(ClearTime), "clear times cannot be negative");
        Check(FlapWindow >= TimeSpan.Zero && FlapMaxDoublings is >= 0 and <= 10, nameof(FlapMaxDoublings), "must be 0-10 with a non-negative window");
        Check(SustainedFor > TimeSpan.Zero, nameof(SustainedFor), "must be positive");
        Check(FlatLineAfter is null || FlatLineAfter > TimeSpan.Zero, nameof(FlatLineAfter), "must be positive or null");
        Check(FlatLineTolerance >= 0 && double.IsFinite(FlatLineTolerance), nameof(FlatLineTolerance), "must be a non-negative number");
        Check(SilentAfter > TimeSpan.Zero && OfflineAfter > TimeSpan.Zero && LateAfter >= TimeSpan.Zero && DayCloseGrace >= TimeSpan.Zero, nameof(SilentAfter), "durations must be positive");
        Check(Retention >= TimeSpan.FromHours(25) && Retention <= TimeSpan.FromDays(31), nameof(Retention), "must be 25 h to 31 days");
        foreach (var (code, rate) in RateOfChangePerHour)
        {
            Check(rate > 0 && double.IsFinite(rate), nameof(RateOfChangePerHour), $"'{code}' needs a positive rate");
        }
    }

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"Rule setting {name} {rule}.", name);
        }
    }
}
