namespace EnvMonitoring.Protocol.Samples;

/// <summary>
/// A probe's state when it produced a reading, per Circular 10/2021 (<c>00</c>, <c>01</c>, <c>02</c>).
/// Readings not <see cref="Measuring"/> are stored but never count toward compliance.
/// </summary>
public enum DeviceStatus : byte
{
    Measuring = 0,
    Calibrating = 1,
    Fault = 2,
}
