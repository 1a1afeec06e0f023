namespace EnvMonitoring.Cloud.Notifications;

/// <summary>The SMTP server alert e-mail goes through (<c>Notifications:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Account to authenticate as; none when empty.</summary>
    public string? User { get; set; }

    /// <summary>From an environment variable or user secrets.</summary>
    public string? Password { get; set; }

    /// <summary>Sender, e.g. <c>EnvMonitoring &lt;canh-bao@envmon.example.vn&gt;</c>.</summary>
    public string From { get; set; } = "";
}
