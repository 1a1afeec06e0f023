namespace EnvMonitoring.Rules.Engine;

/// <summary>
/// The run of equal values (within a tolerance) a probe has reported, in measurement order: the one
/// definition of a flat line, used by the engine's FlatLine rule and by the live picture alike. A
/// value type: it lives in the fields of whoever follows the probe.
/// </summary>
public struct FlatRun
{
    private double _value;

    /// <summary>Measurement time (UTC ticks) the current run started; 0 before the first reading.</summary>
    public long SinceTicks { get; private set; }

    /// <summary>
    /// Adds a valid reading (in measurement order) and returns how long the run now is. A value
    /// further than <paramref name="tolerance"/> from the run's, or a <paramref name="gap"/> (the
    /// previous valid reading is too old to continue a run), starts a new one.
    /// </summary>
    public long Add(long ticks, double value, bool gap, double tolerance)
    {
        if (SinceTicks == 0 || gap || Math.Abs(value - _value) > tolerance)
        {
            (SinceTicks, _value) = (ticks, value);
        }

        return ticks - SinceTicks;
    }
}
