using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Circular10;

/// <summary>The two-digit device status of Circular 10 files: <c>00</c>, <c>01</c>, <c>02</c>.</summary>
internal static class Circular10Status
{
    /// <summary>
    /// A missing status means measuring. Exactly two digits are required: a lone <c>0</c> may be
    /// the start of a <c>02</c> cut off by a transfer still under way, so it is refused, not guessed.
    /// </summary>
    public static bool TryParse(string? text, out DeviceStatus status)
    {
        (var ok, status) = text switch
        {
            null or "00" => (true, DeviceStatus.Measuring),
            "01" => (true, DeviceStatus.Calibrating),
            "02" => (true, DeviceStatus.Fault),
            _ => (false, DeviceStatus.Measuring),
        };
        return ok;
    }

    public static string ToText(DeviceStatus status) => status switch
    {
        DeviceStatus.Measuring => "00",
        DeviceStatus.Calibrating => "01",
        DeviceStatus.Fault => "02",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a Circular 10 device status."),
    };
}
