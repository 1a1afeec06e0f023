namespace EnvMonitoring.Cloud.Export;

internal static partial class ExportLog
{
    [LoggerMessage(1, LogLevel.Error, "Export job {Id} of station {Station} failed")]
    public static partial void JobFailed(ILogger logger, string id, string station, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Deleted {Count} export file(s) an earlier run left in {Directory}")]
    public static partial void LeftoversDeleted(ILogger logger, int count, string directory);
}
