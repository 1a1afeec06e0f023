namespace EnvMonitoring.Cloud.Notifications;

/// <summary>The channel tag of logs and metrics.</summary>
internal static class NotificationChannels
{
    public const string Webhook = "webhook";

    public const string Email = "email";
}
