using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Rules.Condition;

/// <summary>
/// Adds up what decides a station's <see cref="StationCondition"/>: the level and device status
/// of each latest reading and the station's active alerts. A value type, so a view costs no
/// allocation: add to a local, then read <see cref="Result"/>.
/// </summary>
public struct StationConditionTally
{
    private bool _exceeding;
    private bool _approaching;
    private bool _calibrating;
    private bool _fault;
    private bool _offlineAlert;

    /// <summary>The worst level among the active alerts.</summary>
    public Severity WorstAlert { get; private set; }

    public void AddReading(ValueLevel level, DeviceStatus status)
    {
        _exceeding |= level == ValueLevel.Exceeding;
        _approaching |= level == ValueLevel.Approaching;
        _calibrating |= status == DeviceStatus.Calibrating;
        _fault |= status == DeviceStatus.Fault;
    }

    public void AddAlert(RuleKind rule, Severity severity)
    {
        WorstAlert = severity > WorstAlert ? severity : WorstAlert;
        _exceeding |= severity >= Severity.From1Point1;
        _approaching |= severity >= Severity.Approaching;
        _offlineAlert |= rule == RuleKind.StationOffline;
        _fault |= rule == RuleKind.DeviceFault;
    }

    /// <summary>The condition, worst first; <paramref name="lastReceivedAt"/> null: nothing ever received.</summary>
    public readonly StationCondition Result(DateTimeOffset? lastReceivedAt, DateTimeOffset now, TimeSpan offlineAfter) =>
        lastReceivedAt is not { } received ? StationCondition.NoData
        : _offlineAlert || now - received > offlineAfter ? StationCondition.Offline
        : _fault ? StationCondition.Fault
        : _exceeding ? StationCondition.Exceeding
        : _calibrating ? StationCondition.Calibrating
        : _approaching ? StationCondition.Approaching
        : StationCondition.Normal;
}
