namespace EnvMonitoring.Cloud.Ingestion;

internal static partial class IngestionLog
{
    [LoggerMessage(1, LogLevel.Information, "Ingestion connected to MQTT broker {Host}:{Port} as {ClientId}, subscribed to {Filters}")]
    public static partial void Connected(ILogger logger, string host, int port, string clientId, string filters);

    [LoggerMessage(2, LogLevel.Warning, "Ingestion cannot reach MQTT broker {Host}:{Port}; retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, string host, int port, TimeSpan delay, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "InfluxDB write of {Lines} lines failed ({Error}); retry {Attempt} in {Delay}")]
    public static partial void WriteRetry(ILogger logger, int lines, string? error, int attempt, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Error, "InfluxDB refused lines of a batch ({Status}): {Error}; the refused lines are quarantined")]
    public static partial void WriteRejected(ILogger logger, int? status, string? error);

    [LoggerMessage(5, LogLevel.Warning, "Refused {Count} item(s) from {Topic}; first: {First}")]
    public static partial void Rejected(ILogger logger, int count, string topic, string first);

    [LoggerMessage(6, LogLevel.Warning, "MQTT acknowledgement for {Topic} failed; the broker will redeliver it")]
    public static partial void AckFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Ingestion lost its MQTT connection: {Reason}")]
    public static partial void Disconnected(ILogger logger, string reason);

    [LoggerMessage(8, LogLevel.Warning, "InfluxDB at {Url} is not ready ({Error}); retrying in {Delay}")]
    public static partial void InfluxNotReady(ILogger logger, Uri url, string error, TimeSpan delay);
}
