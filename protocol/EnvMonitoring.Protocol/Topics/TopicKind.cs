namespace EnvMonitoring.Protocol.Topics;

public enum TopicKind
{
    /// <summary><c>envmon/{park}/{station}/telemetry</c>: one sample.</summary>
    Telemetry,

    /// <summary><c>envmon/{park}/{station}/status</c>: a node's retained status and last will.</summary>
    StationStatus,

    /// <summary><c>envmon/{park}/_gw/{gateway}/batch</c>: a gateway's numbered batch.</summary>
    GatewayBatch,

    /// <summary><c>envmon/{park}/_gw/{gateway}/ack</c>: the cloud's application-level ack.</summary>
    GatewayAck,

    /// <summary><c>envmon/{park}/_gw/{gateway}/status</c>: a gateway's retained status and last will.</summary>
    GatewayStatus,

    /// <summary><c>envmon/{park}/{station}/cmd/calibration</c>: a calibration command to a station's node.</summary>
    CalibrationCommand,
}
