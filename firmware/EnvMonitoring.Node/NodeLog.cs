namespace EnvMonitoring.Node;

internal static partial class NodeLog
{
    [LoggerMessage(1, LogLevel.Warning, "Station {Station}: gateway {Host}:{Port} unreachable; {Backlog} samples wait in the outbox and are sent when it returns")]
    public static partial void GatewayUnreachable(ILogger logger, string station, string host, int port, int backlog, Exception exception);

    [LoggerMessage(2, LogLevel.Error, "Station {Station}: the gateway refused sample {Seq} for good ({Code}: {Reason}); it is dropped from the outbox")]
    public static partial void Refused(ILogger logger, string station, long seq, string code, string reason);

    [LoggerMessage(3, LogLevel.Debug, "Station {Station}: gateway still unreachable, next try in {Delay}: {Reason}")]
    public static partial void StillUnreachable(ILogger logger, string station, TimeSpan delay, string reason);

    [LoggerMessage(4, LogLevel.Information, "Station {Station}: connected to gateway {Host}:{Port} again after {Downtime}; {Backlog} samples to send")]
    public static partial void GatewayReachable(ILogger logger, string station, string host, int port, TimeSpan downtime, int backlog);

    [LoggerMessage(5, LogLevel.Warning, "Station {Station}: the gateway's log is full (quota exceeded); sample {Seq} and {Backlog} in all stay in the outbox: {Reason}")]
    public static partial void GatewayFull(ILogger logger, string station, long seq, int backlog, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Station {Station}: the gateway did not accept sample {Seq} ({Code}: {Reason}); retrying")]
    public static partial void NotAccepted(ILogger logger, string station, long seq, string code, string reason);

    [LoggerMessage(7, LogLevel.Information, "Station {Station}: reading {Probes} probes every {SampleInterval}, reporting every {ReportInterval}")]
    public static partial void Sampling(ILogger logger, string station, int probes, TimeSpan sampleInterval, TimeSpan reportInterval);

    [LoggerMessage(8, LogLevel.Warning, "Station {Station}: no probe gave a value for the interval ending {Timestamp:O}; nothing reported")]
    public static partial void NothingToReport(ILogger logger, string station, DateTimeOffset timestamp);

    [LoggerMessage(9, LogLevel.Debug, "Station {Station}: sample {Seq} at {Timestamp:O} with {Readings} readings is in the outbox")]
    public static partial void Measured(ILogger logger, string station, long seq, DateTimeOffset timestamp, int readings);

    [LoggerMessage(10, LogLevel.Error, "Station {Station}: the reading of {Timestamp:O} could not be written to the outbox and is lost")]
    public static partial void OutboxWriteFailed(ILogger logger, string station, DateTimeOffset timestamp, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "Station {Station}: cut {Bytes} bytes of an unfinished record off the end of {Path} (power lost while writing)")]
    public static partial void OutboxTornTail(ILogger logger, string station, long bytes, string path);

    [LoggerMessage(12, LogLevel.Error, "Station {Station}: the outbox is full ({MaxBytes} bytes, Node:Buffer:MaxBytes); the oldest unsent sample {Seq} is dropped")]
    public static partial void OutboxFull(ILogger logger, string station, long seq, long maxBytes);

    [LoggerMessage(13, LogLevel.Information, "Station {Station}: outbox {Path} holds {Pending} unsent samples; next seq {NextSeq}")]
    public static partial void OutboxOpened(ILogger logger, string station, string path, int pending, long nextSeq);

    [LoggerMessage(14, LogLevel.Information, "Station {Station}: link to the gateway down (scenario); readings are kept in the outbox")]
    public static partial void LinkDown(ILogger logger, string station);

    [LoggerMessage(15, LogLevel.Information, "Station {Station}: link to the gateway back (scenario); {Backlog} samples to send")]
    public static partial void LinkUp(ILogger logger, string station, int backlog);

    [LoggerMessage(16, LogLevel.Information, "Station {Station}: powered on again (scenario)")]
    public static partial void PoweredOn(ILogger logger, string station);

    [LoggerMessage(17, LogLevel.Information, "Station {Station}: calibration of {Parameters} until {Until:O}; readings are marked status 1")]
    public static partial void CalibrationBegun(ILogger logger, string station, string parameters, DateTimeOffset until);

    [LoggerMessage(18, LogLevel.Information, "Station {Station}: calibration of {Parameters} ended")]
    public static partial void CalibrationEnded(ILogger logger, string station, string parameters);

    [LoggerMessage(19, LogLevel.Warning, "Station {Station}: ignored a command on {Topic}: {Problem}")]
    public static partial void CommandRefused(ILogger logger, string station, string topic, string problem);

    [LoggerMessage(20, LogLevel.Warning, "Station {Station}: the gateway refused the subscription to {Topic} ({Code}); calibration commands will not arrive")]
    public static partial void SubscribeRefused(ILogger logger, string station, string topic, string code);

    [LoggerMessage(21, LogLevel.Information, "Node for park {Park}: {Backend} backend, {Stations} stations, {Channels} channels, scenario {Scenario}")]
    public static partial void Started(ILogger logger, string park, NodeBackend backend, int stations, int channels, string scenario);

    [LoggerMessage(22, LogLevel.Warning, "Releasing device {Device} failed; it may not answer any more")]
    public static partial void DeviceReleaseFailed(ILogger logger, string device, Exception exception);

    [LoggerMessage(23, LogLevel.Error, "Channel {Parameter} ({Kind}): the device did not answer at start; its readings are missing until it does (tried again every minute)")]
    public static partial void ChannelUnavailable(ILogger logger, string parameter, Channels.ProbeKind kind, Exception exception);

    [LoggerMessage(24, LogLevel.Debug, "Channel {Parameter}: the device still does not answer: {Reason}")]
    public static partial void ChannelStillUnavailable(ILogger logger, string parameter, string reason);

    [LoggerMessage(25, LogLevel.Information, "Station {Station}: powered off (scenario); no readings until it is back")]
    public static partial void PoweredOff(ILogger logger, string station);

    [LoggerMessage(26, LogLevel.Error, "Station {Station}: refused the gateway {Host}:{Port}'s TLS certificate, not connecting: {Reason}. Check Node:Gateway:Tls:CaPath and the host name")]
    public static partial void GatewayCertificateRefused(ILogger logger, string station, string host, int port, string reason);
}
