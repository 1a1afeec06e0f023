namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// How far outside its range a parameter's value is, by value and not by a multiple: Decree
/// 45/2022 bands pH by the value itself (from 4 to below the lower bound or above the upper bound
/// to below 10.5; 2 to below 4 or 10.5 to below 12.5; below 2 or from 12.5). The bands are data
/// (<c>decree45-2022.json</c>, <c>rangeBands</c>), each with its confidence mark.
/// </summary>
public sealed class RangeBands
{
    private readonly double[] _lowerFrom;
    private readonly double[] _upperBelow;

    internal RangeBands(string parameter, string source, string? note, IReadOnlyList<RangeBand> bands)
    {
        Parameter = parameter;
        Source = source;
        Note = note;
        Bands = bands;
        _lowerFrom = bands.Select(b => b.LowerFrom is { } v ? (double)v : double.NegativeInfinity).ToArray();
        _upperBelow = bands.Select(b => b.UpperBelow is { } v ? (double)v : double.PositiveInfinity).ToArray();
    }

    /// <summary>The catalog code the bands apply to, e.g. <c>pH</c>.</summary>
    public string Parameter { get; }

    public string Source { get; }

    public string? Note { get; }

    public IReadOnlyList<RangeBand> Bands { get; }

    /// <summary>The weakest confidence mark of the bands: shown as "to verify" unless every band is confirmed.</summary>
    public Confidence Confidence => Bands.Select(b => b.Confidence).Aggregate(Confidence.Confirmed, ConfidenceMarks.Weakest);

    /// <summary>
    /// The band of a value outside <paramref name="min"/>–<paramref name="max"/>: the first whose
    /// edge on the value's side holds it. A range whose own bound lies beyond a band's edge (a permit
    /// allowing pH from 3.5) leaves that band empty on that side.
    /// </summary>
    public RangeBand Of(double value, double min, double max)
    {
        var last = Bands.Count - 1;
        for (var i = 0; i < last; i++)
        {
            if (value < min ? value >= _lowerFrom[i] : value < _upperBelow[i])
            {
                return Bands[i];
            }
        }

        return Bands[last];
    }
}
