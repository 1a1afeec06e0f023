using System.Text.Json.Serialization;

namespace EnvMonitoring.Rules.Condition;

/// <summary>
/// What a station's live picture says at a glance, worst first when several hold: no data ever,
/// offline, a device fault, exceeding, calibrating, approaching, normal (<see cref="StationConditionTally"/>).
/// </summary>
public enum StationCondition : byte
{
    /// <summary>Nothing received since the host started.</summary>
    [JsonStringEnumMemberName("nodata")]
    NoData,

    /// <summary>Nothing received for the station's <c>OfflineAfter</c>, or its offline alert is open.</summary>
    Offline,

    /// <summary>A latest reading reports a device fault, or a device-fault alert is open.</summary>
    Fault,

    /// <summary>A latest reading is beyond its limit, or an exceedance alert is open.</summary>
    Exceeding,

    /// <summary>A latest reading comes from a probe being calibrated.</summary>
    Calibrating,

    /// <summary>A latest reading is within the approach ratio of its limit, or an alert is at that level.</summary>
    Approaching,

    Normal,
}
