namespace EnvMonitoring.Cloud.Relay;

internal static partial class RelayLog
{
    [LoggerMessage(1, LogLevel.Information, "Relay: {Destination} ({Protocol} {Host}) receives {Stations} station(s) every {Interval}, from {Next}, {Backlog} file(s) waiting")]
    public static partial void Started(ILogger logger, string destination, RelayProtocol protocol, string host, int stations, TimeSpan interval, DateTimeOffset next, int backlog);

    [LoggerMessage(2, LogLevel.Debug, "Relay {Destination}: uploaded {RemotePath}")]
    public static partial void Uploaded(ILogger logger, string destination, string remotePath);

    [LoggerMessage(3, LogLevel.Warning, "Relay {Destination}: {Failure}: {Message}; {Backlog} file(s) wait, retry {Retry} in {Delay}")]
    public static partial void UploadFailed(ILogger logger, string destination, RelayFailure failure, string message, int backlog, int retry, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Error, "Relay {Destination}: {Failure}: {Message}; a person must act (credentials, permissions or space on the server); {Backlog} file(s) wait, retry {Retry} in {Delay}")]
    public static partial void UploadRefused(ILogger logger, string destination, RelayFailure failure, string message, int backlog, int retry, TimeSpan delay);

    [LoggerMessage(5, LogLevel.Warning, "Relay {Destination}: {Problem}")]
    public static partial void DestinationProblem(ILogger logger, string destination, string problem);

    [LoggerMessage(6, LogLevel.Information, "Relay {Destination}: recovered, {Backlog} file(s) waiting")]
    public static partial void DestinationRecovered(ILogger logger, string destination, int backlog);

    [LoggerMessage(7, LogLevel.Warning, "Relay {Destination}: readings of {Station} for the interval {Interval} arrived after its file was made; the destination accepts no corrections (Relay AcceptsCorrections), so they are not sent")]
    public static partial void LateReadingsRefused(ILogger logger, string destination, string station, DateTimeOffset interval);

    [LoggerMessage(8, LogLevel.Information, "Relay {Destination}: readings of {Station} for the interval {Interval} arrived late; a corrected file is queued")]
    public static partial void CorrectionQueued(ILogger logger, string destination, string station, DateTimeOffset interval);

    [LoggerMessage(9, LogLevel.Warning, "Relay {Destination}: reading the interval {Interval} from InfluxDB failed; retry {Retry} in {Delay}")]
    public static partial void ReadFailed(ILogger logger, string destination, DateTimeOffset interval, int retry, TimeSpan delay, Exception exception);

    [LoggerMessage(10, LogLevel.Debug, "Relay {Destination}: {Files} file(s) of the interval {Interval} staged")]
    public static partial void Staged(ILogger logger, string destination, int files, DateTimeOffset interval);

    [LoggerMessage(12, LogLevel.Error, "Relay {Destination}: failed unexpectedly; retry {Retry} in {Delay}")]
    public static partial void Crashed(ILogger logger, string destination, int retry, TimeSpan delay, Exception exception);

    [LoggerMessage(11, LogLevel.Debug, "Relay {Destination}: {RemotePath} was already on the server, identical; not sent again")]
    public static partial void AlreadyThere(ILogger logger, string destination, string remotePath);
}
