namespace EnvMonitoring.Cloud.Export;

internal static partial class ExportLog
{
    [LoggerMessage(1, LogLevel.Error, "Export job {Id} of station {Station} failed")]
    public static partial void JobFailed(ILogger logger, string id, string station, Exception exception);
}
