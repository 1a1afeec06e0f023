namespace EnvMonitoring.Cloud.Cluster;

internal static partial class ClusterLog
{
    [LoggerMessage(1, LogLevel.Information, "Cluster: member {Member} joined; {Members} live member(s)")]
    public static partial void MemberJoined(ILogger logger, string member, int members);

    [LoggerMessage(2, LogLevel.Information, "Cluster: member {Member} left (stopped, or its membership expired); {Members} live member(s)")]
    public static partial void MemberLeft(ILogger logger, string member, int members);

    [LoggerMessage(3, LogLevel.Information, "Park {Park}: lease gained by {Instance}, fencing token {Token}; taking it up")]
    public static partial void LeaseGained(ILogger logger, string park, string instance, long token);

    [LoggerMessage(4, LogLevel.Information, "Park {Park}: taken up by {Instance}, fencing token {Token}")]
    public static partial void TakenUp(ILogger logger, string park, string instance, long token);

    [LoggerMessage(5, LogLevel.Information, "Park {Park}: handed over by {Instance} ({Reason}), fencing token {Token}; lease released")]
    public static partial void HandedOver(ILogger logger, string park, string instance, string reason, long token);

    [LoggerMessage(6, LogLevel.Warning, "Park {Park}: lease lost by {Instance} ({Loss}), fencing token {Token}; handing over at once, nothing flushed")]
    public static partial void LeaseLost(ILogger logger, string park, string instance, LeaseLoss loss, long token);

    [LoggerMessage(7, LogLevel.Error, "Park {Park}: {Custodian} failed to take it up; the park is handed over and its lease released, to be tried again")]
    public static partial void TakeUpFailed(ILogger logger, string park, string custodian, Exception exception);

    [LoggerMessage(8, LogLevel.Error, "Park {Park}: {Custodian} failed to hand it over (lease lost: {LeaseLost})")]
    public static partial void HandOverFailed(ILogger logger, string park, string custodian, bool leaseLost, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "Park {Park}: free for {Free} though {Winner} should take it; {Instance} takes it meanwhile")]
    public static partial void Adopted(ILogger logger, string park, TimeSpan free, string winner, string instance);

    [LoggerMessage(10, LogLevel.Warning, "Cluster: Redis has not answered for {Failing}; parks are neither gained nor given up until it does, held leases are lost when they may expire")]
    public static partial void RedisFailing(ILogger logger, TimeSpan failing, Exception exception);

    [LoggerMessage(18, LogLevel.Debug, "Cluster: a round failed (Redis did not answer in time); trying again next round")]
    public static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(11, LogLevel.Information, "Cluster: Redis answers again")]
    public static partial void RedisRecovered(ILogger logger);

    [LoggerMessage(12, LogLevel.Warning, "Park {Park}: releasing the lease failed; it expires by itself within the lease time")]
    public static partial void ReleaseFailed(ILogger logger, string park, Exception exception);

    [LoggerMessage(13, LogLevel.Warning, "Cluster: leaving the members failed; the membership expires by itself within the lease time")]
    public static partial void LeaveFailed(ILogger logger, Exception exception);

    [LoggerMessage(14, LogLevel.Debug, "Park {Park}: renewing the lease failed, {Left} of it left; trying again")]
    public static partial void RenewFailed(ILogger logger, string park, TimeSpan left, Exception exception);

    [LoggerMessage(15, LogLevel.Information, "Park {Park}: handed over by {Instance} after losing its lease, fencing token {Token}")]
    public static partial void HandedOverLost(ILogger logger, string park, string instance, long token);

    [LoggerMessage(16, LogLevel.Error, "Park {Park}: keeping it failed unexpectedly; its lease expires by itself")]
    public static partial void CustodyFailed(ILogger logger, string park, Exception exception);

    [LoggerMessage(17, LogLevel.Error, "Cluster: a listener of ownership changes failed")]
    public static partial void ChangedHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(18, LogLevel.Warning, "A message on the cluster channel {Channel} could not be read or taken; ignored")]
    public static partial void BadMessage(ILogger logger, string channel, Exception exception);
}
