namespace EnvMonitoring.Cloud.Rollups;

internal static partial class RollupLog
{
    [LoggerMessage(1, LogLevel.Information, "Rollups: {Stations} station(s), {Hours} hour(s) and {Days} local day(s) recomputed in {Elapsed}")]
    public static partial void Pass(ILogger logger, int stations, int hours, int days, TimeSpan elapsed);

    [LoggerMessage(2, LogLevel.Warning, "Rollup pass failed; retrying in {Delay}")]
    public static partial void PassFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Rollup retention policies are not set up yet; retrying in {Delay}")]
    public static partial void SetupFailed(ILogger logger, TimeSpan delay, Exception exception);
}
