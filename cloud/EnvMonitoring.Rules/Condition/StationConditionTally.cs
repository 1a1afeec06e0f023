using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Rules.Condition;

/// <summary>
/// Adds up the conditions of a station's parameters now into the station's: the worst condition,
/// since when it holds, and the worst level of the values exceeding or approaching now. A value
/// type, so a view costs no allocation: add to a local, then read <see cref="Result"/>.
/// </summary>
public struct StationConditionTally
{
    private StationCondition? _worst;
    private DateTimeOffset? _since;

    /// <summary>The worst level among the values exceeding or approaching their limit now (<see cref="Severity.None"/> when none).</summary>
    public Severity Level { get; private set; }

    /// <summary>Adds one parameter: its condition now, its level against the limit and since when the condition holds.</summary>
    public void Add(StationCondition condition, Severity level, DateTimeOffset since)
    {
        if (condition is StationCondition.Exceeding or StationCondition.Approaching && level > Level)
        {
            Level = level;
        }

        if (_worst is not { } worst || condition < worst)
        {
            (_worst, _since) = (condition, since);
        }
        else if (condition == worst && (condition == StationCondition.Normal ? since > _since : since < _since))
        {
            // A trouble began with its first parameter; normal began when the last trouble ended.
            _since = since;
        }
    }

    /// <summary>
    /// The station's condition and since when: no data ever (<paramref name="lastMeasuredAt"/>
    /// null), offline once nothing was measured for <paramref name="offlineAfter"/> (judged on
    /// measurement time, as the rules do), otherwise the worst of its parameters'.
    /// </summary>
    public readonly (StationCondition Condition, DateTimeOffset? Since) Result(DateTimeOffset? lastMeasuredAt, DateTimeOffset now, TimeSpan offlineAfter) =>
        lastMeasuredAt is not { } measured ? (StationCondition.NoData, null)
        : now - measured > offlineAfter ? (StationCondition.Offline, measured)
        : (_worst ?? StationCondition.Normal, _since ?? measured);
}
