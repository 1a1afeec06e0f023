namespace EnvMonitoring.Edge.Intake;

internal static partial class IntakeLog
{
    [LoggerMessage(301, LogLevel.Information, "Circular-10 intake off: Gateway:Intake:DropDirectory is not set")]
    public static partial void Off(ILogger logger);

    [LoggerMessage(302, LogLevel.Information, "Circular-10 intake watching {Drop} for {Stations} station(s); archive {Archive}, rejected {Rejected}")]
    public static partial void Watching(ILogger logger, string drop, int stations, string archive, string rejected);

    [LoggerMessage(303, LogLevel.Information, "Ingested {File}: {Samples} sample(s) of station {Station}, archived as {Target}")]
    public static partial void Ingested(ILogger logger, string file, int samples, string station, string target);

    [LoggerMessage(304, LogLevel.Warning, "Rejected {File} to {Target}: {Rejection}")]
    public static partial void Rejected(ILogger logger, string file, string target, string rejection);

    [LoggerMessage(305, LogLevel.Warning, "Could not append {File} to the log; it stays in the drop folder and is retried: {Reason}")]
    public static partial void AppendFailed(ILogger logger, string file, string reason, Exception exception);

    [LoggerMessage(306, LogLevel.Error, "Could not move {File} out of the drop folder; retrying on the next pass")]
    public static partial void MoveFailed(ILogger logger, string file, Exception exception);

    [LoggerMessage(307, LogLevel.Error, "Could not read {File}; retrying on the next pass")]
    public static partial void ReadFailed(ILogger logger, string file, Exception exception);

    [LoggerMessage(308, LogLevel.Error, "Could not list the drop folder {Drop}; retrying in {Delay}")]
    public static partial void ListFailed(ILogger logger, string drop, TimeSpan delay, Exception exception);

    [LoggerMessage(309, LogLevel.Warning, "The file-system watcher on {Drop} failed; polling every {Delay} still finds every file")]
    public static partial void NoWatcher(ILogger logger, string drop, TimeSpan delay, Exception exception);

    [LoggerMessage(310, LogLevel.Information, "Skipped {File}: the same content was ingested before and is archived as {Archived}; the copy is removed")]
    public static partial void Duplicate(ILogger logger, string file, string archived);
}
