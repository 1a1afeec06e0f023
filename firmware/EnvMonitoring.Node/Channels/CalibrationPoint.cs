namespace EnvMonitoring.Node.Channels;

/// <summary>
/// One point of a channel's calibration: the channel reported <see cref="Measured"/> while the probe
/// sat in a standard (buffer solution, span gas, reference thermometer) of value <see cref="Reference"/>.
/// Both in the parameter's canonical unit.
/// </summary>
public sealed class CalibrationPoint
{
    public double Measured { get; set; }

    public double Reference { get; set; }
}
