using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Engine;

/// <summary>
/// A limit as the rules judge a value against it. A one-sided limit has a multiple — value / max,
/// or min / value for a lower one — and its level is the severity scale's tier of that multiple. A
/// range (pH) has no multiple: a value outside it breaks the lower or the upper bound, and its level
/// is the band of the value (Decree 45/2022 bands pH by value: <see cref="RangeBands"/>; a range
/// without bands in the scale is a <see cref="Severity.Warning"/>). Within a range, "approaching"
/// is being within (1 − approach ratio) × half the range's width of a bound.
/// </summary>
internal readonly struct LimitShape
{
    private const byte NoLimit = 0;
    private const byte UpperOnly = 1;
    private const byte LowerOnly = 2;
    private const byte Range = 3;

    private readonly double _min;
    private readonly double _max;
    private readonly double _middle;
    private readonly double _halfWidth;
    private readonly RangeBands? _bands;
    private readonly byte _kind;

    public LimitShape(ParameterLimit? limit, SeverityScale scale)
        : this(limit?.Min, limit?.Max, limit is { Min: not null, Max: not null } ? scale.RangeBandsFor(limit.Parameter.Code) : null)
    {
    }

    private LimitShape(double? min, double? max, RangeBands? bands)
    {
        (_min, _max) = (min ?? double.NaN, max ?? double.NaN);
        _kind = (min, max) switch
        {
            ({ }, { }) => Range,
            ({ }, null) => LowerOnly,
            (null, { }) => UpperOnly,
            _ => NoLimit,
        };
        _middle = (_min + _max) / 2;
        _halfWidth = (_max - _min) / 2;
        _bands = bands;
    }

    /// <summary>An upper limit alone, e.g. a rate of change's maximum per hour.</summary>
    public static LimitShape AtMost(double max) => new(null, max, null);

    public bool Exists => _kind != NoLimit;

    /// <summary>The lower bound; NaN when there is none.</summary>
    public double Min => _min;

    /// <summary>The upper bound; NaN when there is none.</summary>
    public double Max => _max;

    /// <summary>The multiple of a one-sided limit; NaN for a range or without a limit.</summary>
    public double MultipleOf(double value) => _kind switch
    {
        UpperOnly => value / _max,
        LowerOnly => value > 0 ? _min / value : double.PositiveInfinity,
        _ => double.NaN,
    };

    /// <summary>True for a value beyond the limit (equal to a bound complies).</summary>
    public bool Exceeds(double value) => _kind switch
    {
        UpperOnly => value > _max,
        LowerOnly => value < _min,
        Range => value < _min || value > _max,
        _ => false,
    };

    /// <summary>
    /// The level of a value. With a <paramref name="clearRatio"/> below 1 it is the level the value
    /// holds with hysteresis (alerts leave a level only below it): a multiple is divided by the
    /// ratio; a range's distance from its middle is, so its bounds and bands move inward alike.
    /// </summary>
    public Severity LevelOf(double value, SeverityScale scale, double approachRatio, double clearRatio = 1)
    {
        if (_kind != Range)
        {
            return scale.LevelOf(MultipleOf(value) / clearRatio, approachRatio);
        }

        var v = clearRatio == 1 ? value : _middle + ((value - _middle) / clearRatio);
        if (v < _min || v > _max)
        {
            return _bands?.Of(v, _min, _max).Severity ?? Severity.Warning;
        }

        return Math.Min(v - _min, _max - v) <= (1 - approachRatio) * _halfWidth ? Severity.Approaching : Severity.None;
    }

    /// <summary>The bound a value breaks, or within the limit the one nearest; null without a limit.</summary>
    public LimitBound? BoundOf(double value) => _kind switch
    {
        UpperOnly => LimitBound.Upper,
        LowerOnly => LimitBound.Lower,
        Range => value < _min || (value <= _max && value - _min <= _max - value) ? LimitBound.Lower : LimitBound.Upper,
        _ => null,
    };

    /// <summary>A range's band of a value outside it; null within, for a one-sided limit, or without bands.</summary>
    public int? BandOf(double value) => _kind == Range && _bands is { } bands && (value < _min || value > _max) ? bands.Of(value, _min, _max).Number : null;

    /// <summary>True when <paramref name="a"/> is further beyond the limit than <paramref name="b"/> (a higher level, or the same further out).</summary>
    public bool IsWorse(double a, double b, SeverityScale scale, double approachRatio) =>
        _kind != Range ? MultipleOf(a) > MultipleOf(b) : Judge(a, scale, approachRatio).IsWorseThan(Judge(b, scale, approachRatio));

    public LimitJudgement Judge(double value, SeverityScale scale, double approachRatio)
    {
        if (!Exists)
        {
            return default;
        }

        var bound = BoundOf(value);
        var multiple = MultipleOf(value);
        return new LimitJudgement(LevelOf(value, scale, approachRatio), bound, bound == LimitBound.Lower ? _min : _max, double.IsFinite(multiple) ? multiple : null, BandOf(value))
        {
            Excess = _kind != Range ? multiple : value < _min ? _min - value : value > _max ? value - _max : -Math.Min(value - _min, _max - value),
        };
    }
}
