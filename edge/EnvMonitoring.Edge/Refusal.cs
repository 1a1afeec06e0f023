namespace EnvMonitoring.Edge;

/// <summary>
/// Why the gateway refused a node: the label <c>reason</c> of <c>envmon_gateway_refusals_total</c>,
/// written with <see cref="EnvMonitoring.Protocol.Codec.WireName"/> (docs/metrics.md).
/// </summary>
public enum Refusal
{
    /// <summary>A publish on a topic other than <c>envmon/{park}/{station}/telemetry|status</c>.</summary>
    Topic,

    /// <summary>A publish for another park than the gateway's.</summary>
    Park,

    /// <summary>A device publishing for a station it is not registered for.</summary>
    Station,

    /// <summary>A telemetry payload the codec could not read.</summary>
    Payload,

    /// <summary>A sample refused because the backlog reached <c>Gateway:Log:MaxBytes</c> (the node keeps it).</summary>
    LogFull,

    /// <summary>A subscription outside the device's own stations' topics.</summary>
    Subscription,

    /// <summary>A connect with bad or unknown credentials.</summary>
    Credentials,

    /// <summary>A connect from an address blocked after too many failed ones.</summary>
    Throttled,
}
