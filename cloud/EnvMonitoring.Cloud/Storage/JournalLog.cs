namespace EnvMonitoring.Cloud.Storage;

internal static partial class JournalLog
{
    [LoggerMessage(EventId = 830, Level = LogLevel.Warning, Message = "Could not store {Count} {Measurement} entries yet ({Error}); retrying")]
    public static partial void WriteFailed(ILogger logger, string measurement, int count, string? error);

    [LoggerMessage(EventId = 831, Level = LogLevel.Error, Message = "InfluxDB refused {Count} {Measurement} entries: {Error}")]
    public static partial void Rejected(ILogger logger, string measurement, int count, string? error);

    [LoggerMessage(EventId = 832, Level = LogLevel.Error, Message = "Stopping with {Count} {Measurement} entries not written ({Error}): they are lost")]
    public static partial void LostAtStop(ILogger logger, string measurement, int count, string? error);
}
