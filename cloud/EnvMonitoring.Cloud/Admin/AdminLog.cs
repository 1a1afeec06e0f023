namespace EnvMonitoring.Cloud.Admin;

internal static partial class AdminLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Configuration store seeded from the settings: {Changed} item(s) of {Items} written (the others unchanged in the settings since their last import, or made at runtime)")]
    public static partial void Seeded(ILogger logger, int changed, int items);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Stations from the configuration store (revision {Revision}) in force: {Count} station(s); added {Added}, changed {Changed}, removed {Removed}")]
    public static partial void StationsApplied(ILogger logger, long revision, int count, string added, string changed, string removed);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "The stations of the configuration store (revision {Revision}) were refused; the stations in force stay: {Errors}")]
    public static partial void StationsRefused(ILogger logger, long revision, string errors);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Users from the configuration store (revision {Revision}) in force: {Users} user(s); {Changes}; {Ended} session(s) of changed or removed users ended")]
    public static partial void UsersApplied(ILogger logger, long revision, int users, string changes, int ended);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "The users of the configuration store (revision {Revision}) were refused; the users in force stay: {Errors}")]
    public static partial void UsersRefused(ILogger logger, long revision, string errors);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Error, Message = "The gateways of the configuration store (revision {Revision}) were refused; the gateways' credentials in force stay: {Errors}")]
    public static partial void GatewaysRefused(ILogger logger, long revision, string errors);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "The configuration store could not be read or seeded; trying again in a second: {Error}")]
    public static partial void WatchFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Information, Message = "The settings changed: seeding the configuration store again")]
    public static partial void SettingsChanged(ILogger logger);
}
