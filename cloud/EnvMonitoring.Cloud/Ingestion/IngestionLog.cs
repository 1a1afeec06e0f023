namespace EnvMonitoring.Cloud.Ingestion;

internal static partial class IngestionLog
{
    [LoggerMessage(1, LogLevel.Information, "Ingestion connected to MQTT broker {Host}:{Port} as {ClientId}, subscribed to {Filters}")]
    public static partial void Connected(ILogger logger, string host, int port, string clientId, string filters);

    [LoggerMessage(2, LogLevel.Warning, "Ingestion cannot reach MQTT broker {Host}:{Port}; retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, string host, int port, TimeSpan delay, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "InfluxDB write of {Lines} lines failed ({Error}); retry {Attempt} in {Delay}")]
    public static partial void WriteRetry(ILogger logger, int lines, string? error, int attempt, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Error, "InfluxDB refused a line ({Status}): {Error}; the line is quarantined")]
    public static partial void WriteRejected(ILogger logger, int? status, string? error);

    [LoggerMessage(5, LogLevel.Warning, "Refused {Count} item(s) from {Topic}; first: {First}")]
    public static partial void Rejected(ILogger logger, int count, string topic, string first);

    [LoggerMessage(6, LogLevel.Warning, "MQTT acknowledgement for {Topic} failed; the broker will redeliver it")]
    public static partial void AckFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(20, LogLevel.Information, "MQTT acknowledgement for {Topic} not sent: the session that received it closed first (its park changed hands, or the connection dropped); the broker redelivers it, and storing it again changes nothing")]
    public static partial void AckAfterClose(ILogger logger, string topic);

    [LoggerMessage(7, LogLevel.Warning, "Ingestion lost its MQTT connection: {Reason}")]
    public static partial void Disconnected(ILogger logger, string reason);

    [LoggerMessage(8, LogLevel.Warning, "InfluxDB is not ready: {Error}")]
    public static partial void InfluxNotReady(ILogger logger, string error);

    [LoggerMessage(9, LogLevel.Warning, "InfluxDB database {Database} is missing; creating it")]
    public static partial void DatabaseMissing(ILogger logger, string database);

    [LoggerMessage(10, LogLevel.Warning, "The MQTT connection stalled (no answer to a ping within {Timeout}); reconnecting")]
    public static partial void Stalled(ILogger logger, TimeSpan timeout, Exception exception);

    [LoggerMessage(11, LogLevel.Information, "Ingestion stopping: {Batches} write(s) still in flight are given {Timeout} to finish")]
    public static partial void Draining(ILogger logger, int batches, TimeSpan timeout);

    [LoggerMessage(12, LogLevel.Error, "A batch of {Messages} message(s) could not be stored; they stay unacknowledged and the broker redelivers them")]
    public static partial void BatchFailed(ILogger logger, int messages, Exception exception);

    [LoggerMessage(13, LogLevel.Error, "A batch write ended with an unexpected failure while ingestion stopped")]
    public static partial void WriteTaskFailed(ILogger logger, Exception exception);

    [LoggerMessage(14, LogLevel.Information, "Append-only check ready: {Stations} station(s) have stored samples; anything newer is known from memory")]
    public static partial void LedgerSeeded(ILogger logger, int stations);

    [LoggerMessage(15, LogLevel.Warning, "Refused a rewrite of stored data from {Topic}: {Detail}; both versions are quarantined")]
    public static partial void ConflictRefused(ILogger logger, string topic, string detail);

    [LoggerMessage(16, LogLevel.Warning, "The stored versions of {Count} conflicting sample(s) could not be read ({Error}); they are quarantined without them")]
    public static partial void ConflictReadFailed(ILogger logger, int count, string error);

    [LoggerMessage(17, LogLevel.Warning, "Reading {Ranges} range(s) of stored samples for the append-only check failed ({Error}); retry {Attempt} in {Delay}")]
    public static partial void LedgerReadRetry(ILogger logger, int ranges, string error, int attempt, TimeSpan delay);

    [LoggerMessage(18, LogLevel.Warning, "Ingestion:AppendOnly is false: a reading sent again with other content overwrites the stored one. Use it only to measure what the check costs")]
    public static partial void AppendOnlyOff(ILogger logger);

    [LoggerMessage(19, LogLevel.Error, "Refused the MQTT broker {Host}:{Port}'s TLS certificate, not connecting: {Reason}. Check Ingestion:Tls:CaPath and Broker:Host")]
    public static partial void BrokerCertificateRefused(ILogger logger, string host, int port, string reason);
}
