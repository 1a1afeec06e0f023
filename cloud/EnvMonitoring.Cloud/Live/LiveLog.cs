namespace EnvMonitoring.Cloud.Live;

internal static partial class LiveLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "Could not push {What} to hub clients")]
    public static partial void SendFailed(ILogger logger, string what, Exception exception);
}
