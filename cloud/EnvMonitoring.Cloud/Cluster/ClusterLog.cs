namespace EnvMonitoring.Cloud.Cluster;

internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "A message on the cluster channel {Channel} could not be read or taken; ignored")]
    public static partial void BadMessage(ILogger logger, string channel, Exception exception);
}
