namespace EnvMonitoring.Cloud.Annotations;

internal static partial class AnnotationsLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Annotation book rebuilt from {Steps} steps: {Annotations} annotations, {Pending} pending")]
    public static partial void Rebuilt(ILogger logger, int steps, int annotations, int pending);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Could not read the annotation journal yet ({Error}); retrying")]
    public static partial void RebuildFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Annotation {Id} of {Station}/{Parameter}: {Step} by {User}")]
    public static partial void Stepped(ILogger logger, string id, string station, string parameter, string step, string user);
}
