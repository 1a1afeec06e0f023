namespace EnvMonitoring.Cloud.Seals;

internal static partial class SealsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Created a new seal signing key {KeyId} in {Directory}; publish its public key (docs/evidence.md)")]
    public static partial void KeyCreated(ILogger logger, string keyId, string directory);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Sealing with key {KeyId} ({File})")]
    public static partial void KeyInUse(ILogger logger, string keyId, string file);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Sealed {Station} {Day} v{Version}: {Samples} sample(s), {Events} event(s), closed {Closed}")]
    public static partial void Sealed(ILogger logger, string station, DateOnly day, int version, int samples, int events, bool closed);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Sealing cannot find its place yet ({Reason}); retrying")]
    public static partial void RecoveryFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Station} {Day}: {Count} stored item(s) no seal covered yet (arrived before the last stop); sealing them now")]
    public static partial void RecoveredUnsealed(ILogger logger, string station, DateOnly day, int count);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "The seals of {Station} {Day} cannot be read yet ({Reason}): late data for that day waits; retrying")]
    public static partial void StoreUnreadable(ILogger logger, string station, DateOnly day, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Stopping before what waits was sealed (the shutdown timeout): the next start seals what InfluxDB holds unsealed of today, yesterday and the days marked owed")]
    public static partial void StopUnsealed(ILogger logger);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "{Station} {Day} is sealed but could not be settled as owed ({Reason}): the next start reads the day again")]
    public static partial void SettleFailed(ILogger logger, string station, DateOnly day, string reason);
}
