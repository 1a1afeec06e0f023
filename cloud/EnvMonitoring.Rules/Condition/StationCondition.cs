using System.Text.Json.Serialization;

namespace EnvMonitoring.Rules.Condition;

/// <summary>
/// What a station — or one of its parameters — is doing now, worst first when several hold
/// (<see cref="StationConditionTally"/>): no data ever, offline, exceeding, a device fault, a silent
/// probe, a flat line, calibrating, approaching, normal. Judged from the latest readings and the
/// clock, never from alerts: an alert still open after its cause went away says so on its own.
/// </summary>
public enum StationCondition : byte
{
    /// <summary>Nothing received since the host started.</summary>
    [JsonStringEnumMemberName("nodata")]
    NoData,

    /// <summary>No reading measured for the station's <c>OfflineAfter</c>.</summary>
    Offline,

    /// <summary>A valid latest reading is beyond its limit.</summary>
    Exceeding,

    /// <summary>A latest reading reports a device fault (Circular 10 status 2).</summary>
    Fault,

    /// <summary>A parameter has sent nothing for the station's <c>SilentAfter</c> while others still report.</summary>
    Silent,

    /// <summary>A parameter's value has not changed for the station's <c>FlatLineAfter</c> (a stuck probe).</summary>
    FlatLine,

    /// <summary>A latest reading comes from a probe being calibrated (status 1).</summary>
    Calibrating,

    /// <summary>A valid latest reading is within the approach ratio of its limit.</summary>
    Approaching,

    Normal,
}
