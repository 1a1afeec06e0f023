namespace EnvMonitoring.Rules.Profiles;

/// <summary>
/// What an alert is about. Together with the station and the parameter it is an alert's cause:
/// at most one alert per cause is active at a time. docs/rules.md describes each rule.
/// </summary>
public enum RuleKind : byte
{
    /// <summary>One reading against the limit: the early warning.</summary>
    Instantaneous,

    /// <summary>Every valid reading above the limit for <see cref="RuleSettings.SustainedFor"/>.</summary>
    Sustained,

    /// <summary>Rolling 1-hour mean (flow-weighted where flow is measured): how stacks are judged by default.</summary>
    HourlyMean,

    /// <summary>Rolling 24-hour mean (flow-weighted where flow is measured).</summary>
    DailyMean,

    /// <summary>Mean of the legal local day, 00:00–24:00 Asia/Ho_Chi_Minh: how wastewater is judged by default.</summary>
    LocalDayMean,

    /// <summary>Change between consecutive readings faster than the parameter's configured rate.</summary>
    RateOfChange,

    /// <summary>The same value for <see cref="RuleSettings.FlatLineAfter"/>: a stuck probe.</summary>
    FlatLine,

    /// <summary>The probe reports status 2 (device error, Circular 10/2021).</summary>
    DeviceFault,

    /// <summary>No reading of one parameter for <see cref="RuleSettings.SilentAfter"/> while the station still sends.</summary>
    ParameterSilent,

    /// <summary>No reading at all from the station for <see cref="RuleSettings.OfflineAfter"/>.</summary>
    StationOffline,

    /// <summary>
    /// A stored reading was sent again with other content, or a sequence number came back with other
    /// content: an attempt to rewrite evidence, refused by ingestion (append-only storage). For admins;
    /// it stays active until a user resolves it.
    /// </summary>
    DataConflict,
}
