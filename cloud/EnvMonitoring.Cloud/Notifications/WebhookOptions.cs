namespace EnvMonitoring.Cloud.Notifications;

/// <summary>One HTTP receiver (<c>Notifications:Webhooks:N</c>).</summary>
public sealed class WebhookOptions : NotificationFilterOptions
{
    /// <summary>Names the receiver in logs and metrics (the URL may carry a token, so it is never logged).</summary>
    public string Name { get; set; } = "";

    public Uri? Url { get; set; }

    /// <summary>Shared secret of the HMAC-SHA256 signature; from an environment variable or user secrets.</summary>
    public string Secret { get; set; } = "";
}
