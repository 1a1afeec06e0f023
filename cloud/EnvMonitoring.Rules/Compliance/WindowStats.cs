namespace EnvMonitoring.Rules.Compliance;

/// <summary>
/// What a time window (a minute, an hour, a local day) holds for one parameter: the valid
/// readings' count, sum, minimum and maximum, and how many readings were excluded and why.
/// Stats of adjacent windows <see cref="Merge"/> exactly (sums, not means), which is how hourly
/// rollups make days and years.
/// </summary>
public readonly record struct WindowStats(long Valid, double Sum, double Min, double Max, long Calibrating, long Fault, long Invalid)
{
    public static WindowStats Empty { get; } = new(0, 0, double.PositiveInfinity, double.NegativeInfinity, 0, 0, 0);

    /// <summary>Readings excluded by an approved annotation: only in annotated figures, never in stored stats.</summary>
    public long Annotated { get; init; }

    /// <summary>Every stored reading, counted or excluded.</summary>
    public long Total => Valid + Calibrating + Fault + Invalid + Annotated;

    public long Excluded => Calibrating + Fault + Invalid + Annotated;

    /// <summary>The mean of the valid readings; null when there are none.</summary>
    public double? Mean => Valid > 0 ? Sum / Valid : null;

    public double? Minimum => Valid > 0 ? Min : null;

    public double? Maximum => Valid > 0 ? Max : null;

    public WindowStats Add(ReadingClass kind, double value) => kind switch
    {
        ReadingClass.Valid => this with { Valid = Valid + 1, Sum = Sum + value, Min = Math.Min(Min, value), Max = Math.Max(Max, value) },
        ReadingClass.Calibrating => this with { Calibrating = Calibrating + 1 },
        ReadingClass.Fault => this with { Fault = Fault + 1 },
        ReadingClass.Annotated => this with { Annotated = Annotated + 1 },
        _ => this with { Invalid = Invalid + 1 },
    };

    public WindowStats Merge(WindowStats other) => new(
        Valid + other.Valid,
        Sum + other.Sum,
        Math.Min(Min, other.Min),
        Math.Max(Max, other.Max),
        Calibrating + other.Calibrating,
        Fault + other.Fault,
        Invalid + other.Invalid)
    {
        Annotated = Annotated + other.Annotated,
    };

    /// <summary>Stats rebuilt from a stored mean (rollups keep mean, min, max and counts).</summary>
    public static WindowStats FromMean(long valid, double? mean, double? min, double? max, long calibrating, long fault, long invalid) =>
        valid > 0 && mean is { } m && min is { } low && max is { } high
            ? new WindowStats(valid, m * valid, low, high, calibrating, fault, invalid)
            : Empty with { Calibrating = calibrating, Fault = fault, Invalid = invalid };
}
