namespace EnvMonitoring.Cloud.Web;

internal static partial class DashboardLog
{
    [LoggerMessage(1, LogLevel.Information, "Serving the web dashboard from {Root}")]
    public static partial void Serving(ILogger logger, string root);

    [LoggerMessage(2, LogLevel.Error, "The web dashboard's npm packages are missing: {Missing} does not exist. Run 'npm ci' in {Root} (./envmon run and ./envmon test do it); until then the dashboard cannot load SignalR, uPlot and Leaflet")]
    public static partial void PackagesMissing(ILogger logger, string missing, string root);

    [LoggerMessage(3, LogLevel.Error, "The configured dashboard folder Dashboard:Root = {Root} has no index.html; the web dashboard is not served")]
    public static partial void ConfiguredRootMissing(ILogger logger, string root);

    [LoggerMessage(4, LogLevel.Warning, "No dashboards/web folder was found above {ContentRoot}; the web dashboard is not served (set Dashboard:Root)")]
    public static partial void NotFound(ILogger logger, string contentRoot);
}
