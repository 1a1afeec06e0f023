using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Alerts;

internal static partial class AlertsLog
{
    [LoggerMessage(EventId = 802, Level = LogLevel.Information, Message = "Alert book of park {Park} rebuilt from {Events} events: {Unresolved} unresolved alerts, {Stations} stations configured")]
    public static partial void Rebuilt(ILogger logger, string park, int events, int unresolved, int stations);

    [LoggerMessage(EventId = 803, Level = LogLevel.Warning, Message = "Could not read the alert history yet ({Error}); retrying")]
    public static partial void ReplayFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 804, Level = LogLevel.Information, Message = "Rules warmed with {Samples} stored samples of the last {Hours} h")]
    public static partial void Warmed(ILogger logger, int samples, double hours);

    [LoggerMessage(EventId = 805, Level = LogLevel.Warning, Message = "Could not warm the rules from history ({Error}); means start empty")]
    public static partial void WarmFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 806, Level = LogLevel.Information, Message = "Alert {Event}")]
    public static partial void Transition(ILogger logger, AlertEvent @event);

    [LoggerMessage(EventId = 807, Level = LogLevel.Error, Message = "The rules could not evaluate a sample of {Station} at {MeasuredAt:O}; it is stored but not judged")]
    public static partial void EvaluationFailed(ILogger logger, string station, DateTimeOffset measuredAt, Exception exception);

    [LoggerMessage(EventId = 808, Level = LogLevel.Information, Message = "Rules took the registry's change: {Added} stations added, {Changed} changed, {Removed} removed")]
    public static partial void StationsChanged(ILogger logger, int added, int changed, int removed);

    [LoggerMessage(EventId = 809, Level = LogLevel.Information, Message = "Rules took up park {Park}: {Stations} stations judged here")]
    public static partial void TookUp(ILogger logger, string park, int stations);

    [LoggerMessage(EventId = 810, Level = LogLevel.Information, Message = "Rules handed park {Park} over: its stations are no longer judged here")]
    public static partial void HandedOver(ILogger logger, string park);

    [LoggerMessage(EventId = 811, Level = LogLevel.Warning, Message = "Could not tell the other instances of alert {Alert}")]
    public static partial void RelayFailed(ILogger logger, string alert, Exception exception);

    [LoggerMessage(EventId = 812, Level = LogLevel.Information, Message = "{Command} of alert {Alert} taken for instance {Instance}")]
    public static partial void ServedRemote(ILogger logger, string command, string alert, string instance);
}
