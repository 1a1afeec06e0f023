namespace EnvMonitoring.Node.Channels;

/// <summary>
/// Turns what a channel measured into the calibrated value: through the points of a two-point or
/// multi-point calibration, piecewise linear between them and continuing the end segments beyond
/// them. One point is a pure offset; no points leave the value as measured. Pure, no I/O.
/// </summary>
public sealed class Calibration
{
    private readonly double[] _measured;
    private readonly double[] _reference;

    public Calibration(IEnumerable<CalibrationPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sorted = points.OrderBy(p => p.Measured).ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (!double.IsFinite(sorted[i].Measured) || !double.IsFinite(sorted[i].Reference))
            {
                throw new ArgumentException("Calibration points must be finite numbers.", nameof(points));
            }

            if (i > 0 && sorted[i].Measured == sorted[i - 1].Measured)
            {
                throw new ArgumentException($"Two calibration points measured {sorted[i].Measured}: a slope cannot be drawn.", nameof(points));
            }
        }

        _measured = [.. sorted.Select(p => p.Measured)];
        _reference = [.. sorted.Select(p => p.Reference)];
    }

    public static Calibration None { get; } = new([]);

    public int Points => _measured.Length;

    public double Apply(double measured)
    {
        switch (_measured.Length)
        {
            case 0:
                return measured;
            case 1:
                return measured + (_reference[0] - _measured[0]);
        }

        // The segment holding the value; values outside the points use the nearest end segment.
        var upper = 1;
        while (upper < _measured.Length - 1 && measured > _measured[upper])
        {
            upper++;
        }

        var lower = upper - 1;
        var slope = (_reference[upper] - _reference[lower]) / (_measured[upper] - _measured[lower]);
        return _reference[lower] + ((measured - _measured[lower]) * slope);
    }
}
