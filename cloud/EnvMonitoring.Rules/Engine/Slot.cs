namespace EnvMonitoring.Rules.Engine;

/// <summary>One report interval's valid records of a parameter, keyed by its absolute slot number (measurement time / interval).</summary>
internal struct Slot
{
    public long Number;

    /// <summary>Measurement time of the last record added, to drop an exact resend.</summary>
    public long LastTicks;

    public MeanAccumulator Totals;
}
