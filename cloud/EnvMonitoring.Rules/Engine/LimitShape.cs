using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Rules.Engine;

/// <summary>
/// A limit reduced to the one number severity needs, the multiple: value / max for an upper
/// limit, min / value for a lower one. For a range (pH) it is the distance from the middle in
/// half-widths, so both bounds are 1, the approach ratio marks the outer part of the range and the
/// multiple keeps rising the further out a value is (a platform measure: Decree 45/2022's own pH
/// tiers are not encoded).
/// </summary>
internal readonly struct LimitShape
{
    private readonly double _min;
    private readonly double _max;
    private readonly double _mid;
    private readonly double _halfWidth;
    private readonly byte _kind;

    public LimitShape(ParameterLimit? limit)
    {
        (_min, _max) = (limit?.Min ?? double.NaN, limit?.Max ?? double.NaN);
        _kind = (limit?.Min, limit?.Max) switch
        {
            ({ }, { }) => 3,
            ({ }, null) => 2,
            (null, { }) => 1,
            _ => 0,
        };
        _mid = (_min + _max) / 2;
        _halfWidth = (_max - _min) / 2;
    }

    public bool Exists => _kind != 0;

    public double Min => _min;

    public double Max => _max;

    public double MultipleOf(double value) => _kind switch
    {
        1 => value / _max,
        2 => value > 0 ? _min / value : double.PositiveInfinity,
        3 => Math.Abs(value - _mid) / _halfWidth,
        _ => double.NaN,
    };
}
