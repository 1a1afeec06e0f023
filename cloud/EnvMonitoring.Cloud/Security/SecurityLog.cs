namespace EnvMonitoring.Cloud.Security;

internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Demo sign-in: user '{User}', password '{Password}' (local demo only)")]
    public static partial void DemoUser(ILogger logger, string user, string password);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "No users are configured (Security:Users): nobody can sign in to the API or the dashboard")]
    public static partial void NoUsers(ILogger logger);

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "Sign-in refused for '{User}' from {Remote}")]
    public static partial void SignInRefused(ILogger logger, string user, string? remote);
}
