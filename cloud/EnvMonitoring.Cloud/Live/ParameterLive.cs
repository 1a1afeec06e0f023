using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Condition;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Live;

/// <summary>
/// One parameter of a station in the live picture: its latest reading judged against the limit,
/// its condition now (apart from silence, which the clock decides when a view is taken) and since
/// when that condition holds, and the run of equal values that makes a flat line — by the rules'
/// own <see cref="FlatRun"/>, settings and limit shape. Written by the rules loop, in measurement order.
/// </summary>
internal sealed class ParameterLive
{
    private FlatRun _flat;
    private DateTimeOffset? _lastValid;
    private bool _seen;
    private bool _flatNow;

    public Reading Reading { get; private set; }

    public DateTimeOffset MeasuredAt { get; private set; }

    public LimitJudgement Judgement { get; private set; }

    public StationCondition Condition { get; private set; }

    /// <summary>Measurement time the current condition began: exceeding since, back to normal since.</summary>
    public DateTimeOffset Since { get; private set; }

    public void Update(Reading reading, DateTimeOffset measuredAt, ParameterLimit? limit, RuleSettings settings)
    {
        var judged = LiveJudgement.Judge(reading, limit, settings.ApproachRatio, SeverityScale.Default);
        var flat = IsFlat(reading, measuredAt, settings);
        var condition = LiveJudgement.ConditionOf(LiveJudgement.LevelOf(judged.Level), reading.Status, flat, silent: false);
        if (!_seen || condition != Condition)
        {
            Since = condition == StationCondition.FlatLine ? new DateTimeOffset(_flat.SinceTicks, TimeSpan.Zero) : measuredAt;
        }

        (Reading, MeasuredAt, Judgement, Condition, _seen, _flatNow) = (reading, measuredAt, judged, condition, true, flat);
    }

    /// <summary>
    /// Judges the latest reading again against a new limit (the station's registration changed); the
    /// flat run stays, being the readings', and the condition's start moves only when the condition does.
    /// </summary>
    public void Rejudge(ParameterLimit? limit, RuleSettings settings)
    {
        if (!_seen)
        {
            return;
        }

        var judged = LiveJudgement.Judge(Reading, limit, settings.ApproachRatio, SeverityScale.Default);
        var condition = LiveJudgement.ConditionOf(LiveJudgement.LevelOf(judged.Level), Reading.Status, _flatNow, silent: false);
        if (condition != Condition)
        {
            Since = condition == StationCondition.FlatLine ? new DateTimeOffset(_flat.SinceTicks, TimeSpan.Zero) : MeasuredAt;
        }

        (Judgement, Condition) = (judged, condition);
    }

    /// <summary>The rules' flat line: a valid reading unchanged (± the tolerance) for <see cref="RuleSettings.FlatLineAfter"/>, a gap longer than the silent time breaking the run.</summary>
    private bool IsFlat(Reading reading, DateTimeOffset measuredAt, RuleSettings settings)
    {
        var valid = reading.Status == DeviceStatus.Measuring && double.IsFinite(reading.Value)
            && (reading.Value >= 0 || settings.NegativeAllowed.Contains(reading.Parameter.Code));
        if (!valid || settings.FlatLineAfter is not { } after || !settings.IsEnabled(RuleKind.FlatLine))
        {
            return false;
        }

        var gap = _lastValid is not { } last || measuredAt - last > settings.SilentAfter;
        _lastValid = measuredAt;
        return _flat.Add(measuredAt.UtcTicks, reading.Value, gap, settings.FlatLineTolerance) >= after.Ticks;
    }
}
