namespace EnvMonitoring.Rules.Engine;

/// <summary>
/// One judgement of one rule: the multiple of the limit it found (NaN: nothing to judge), at the
/// measurement time it concerns. Yes/no rules observe 2 (present) or 0 (absent) and do not report
/// that number as a multiple. A value type, so the common path does not allocate.
/// </summary>
internal readonly struct Observation(double multiple, double value, long measuredTicks, bool late, double limitMin = double.NaN, double limitMax = double.NaN, bool reportsMultiple = true)
{
    public const double Present = 2;
    public const double Absent = 0;

    public double Multiple { get; } = multiple;

    public double Value { get; } = value;

    public long MeasuredTicks { get; } = measuredTicks;

    public bool Late { get; } = late;

    public double LimitMin { get; } = limitMin;

    public double LimitMax { get; } = limitMax;

    public double ReportedMultiple => reportsMultiple ? Multiple : double.NaN;

    public DateTimeOffset MeasuredAt => new(MeasuredTicks, TimeSpan.Zero);

    public static Observation YesNo(bool present, double value, long measuredTicks, bool late) =>
        new(present ? Present : Absent, value, measuredTicks, late, reportsMultiple: false);
}
