namespace EnvMonitoring.Cloud.Calibration;

internal static partial class CalibrationLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Calibration command for {Station} ({Parameters}) sent by {User}: {Payload}")]
    public static partial void Sent(ILogger logger, string station, string parameters, string user, string payload);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Calibration command for {Station} could not be handed to the broker")]
    public static partial void NotSent(ILogger logger, string station, Exception exception);
}
