namespace EnvMonitoring.Cloud.History;

internal static partial class HistoryLog
{
    [LoggerMessage(1, LogLevel.Error, "Streaming {Path} failed (response started: {Started}); the client sees a 503 or an aborted connection")]
    public static partial void StreamFailed(ILogger logger, string path, bool started, Exception exception);
}
