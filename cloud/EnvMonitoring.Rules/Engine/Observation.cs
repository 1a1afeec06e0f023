using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Engine;

/// <summary>
/// One judgement of one rule: a value against its limit (a reading, a mean, a rate against its
/// maximum), at the measurement time it concerns — or, for yes/no rules, whether the cause is
/// present (judged as <see cref="Present"/> times a limit, never reported as a multiple). A value
/// type, so the common path does not allocate.
/// </summary>
internal readonly struct Observation
{
    public const double Present = 2;
    public const double Absent = 0;

    private readonly LimitShape _shape;
    private readonly double _presence;

    public Observation(in LimitShape shape, double value, long measuredTicks, bool late)
    {
        _shape = shape;
        _presence = double.NaN;
        Value = value;
        MeasuredTicks = measuredTicks;
        Late = late;
    }

    private Observation(double presence, double value, long measuredTicks, bool late)
    {
        _presence = presence;
        Value = value;
        MeasuredTicks = measuredTicks;
        Late = late;
    }

    /// <summary>The value judged; for yes/no rules the value that goes with the cause (a stuck value), or NaN.</summary>
    public double Value { get; }

    public long MeasuredTicks { get; }

    public bool Late { get; }

    public double LimitMin => _shape.Min;

    public double LimitMax => _shape.Max;

    /// <summary>The multiple of a one-sided limit; NaN for a range and for yes/no rules.</summary>
    public double ReportedMultiple => _shape.MultipleOf(Value);

    public LimitBound? Bound => _shape.BoundOf(Value);

    public int? Band => _shape.BandOf(Value);

    public DateTimeOffset MeasuredAt => new(MeasuredTicks, TimeSpan.Zero);

    /// <summary>The level of the observation; with a clear ratio below 1, the level it holds with hysteresis.</summary>
    public Severity LevelOf(SeverityScale scale, double approachRatio, double clearRatio) =>
        double.IsNaN(_presence) ? _shape.LevelOf(Value, scale, approachRatio, clearRatio) : scale.LevelOf(_presence / clearRatio, approachRatio);

    public static Observation YesNo(bool present, double value, long measuredTicks, bool late) =>
        new(present ? Present : Absent, value, measuredTicks, late);
}
