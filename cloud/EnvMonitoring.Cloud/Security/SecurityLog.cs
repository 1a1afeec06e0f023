namespace EnvMonitoring.Cloud.Security;

internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Demo sign-in (local demo only): users {Users}; their passwords are in {File} (readable by this account only), never in a log")]
    public static partial void DemoUsers(ILogger logger, string users, string file);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "No users are configured (Security:Users): nobody can sign in to the API or the dashboard")]
    public static partial void NoUsers(ILogger logger);

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "Sign-in refused for '{User}' from {Remote} ({Via}): wrong name or password, failure {Failures} of this account within the window")]
    public static partial void SignInRefused(ILogger logger, string user, string remote, string via, int failures);

    [LoggerMessage(EventId = 705, Level = LogLevel.Warning, Message = "Cross-site request refused: {Method} {Path} with Origin '{Origin}', Sec-Fetch-Site '{Site}'")]
    public static partial void CrossSiteRefused(ILogger logger, string method, string path, string origin, string site);

    [LoggerMessage(EventId = 706, Level = LogLevel.Warning, Message = "Sign-in of '{User}' from {Remote} ({Via}) refused unchecked: the {What} is locked out for {RetryAfter} after repeated failures")]
    public static partial void SignInLocked(ILogger logger, string user, string remote, string via, string what, TimeSpan retryAfter);

    [LoggerMessage(EventId = 707, Level = LogLevel.Warning, Message = "The sessions file {File} could not be read ({Error}); every browser signs in again")]
    public static partial void SessionsUnreadable(ILogger logger, string file, string error);

    [LoggerMessage(EventId = 708, Level = LogLevel.Information, Message = "Serving plain HTTP: no https:// address is configured (Urls), so passwords and the sign-in cookie cross the network readable; for loopback or a closed test machine only (docs/security.md, HTTPS)")]
    public static partial void PlainHttp(ILogger logger);
}
