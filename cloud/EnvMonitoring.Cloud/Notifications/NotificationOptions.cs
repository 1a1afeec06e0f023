namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// Who is told about alert transitions, and how hard we try (section <c>Notifications</c>).
/// Secrets (webhook secrets, the SMTP password) come from environment variables or user secrets,
/// never from a file in the repository (docs/rules.md, "Notifications").
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>HTTP receivers: each gets a signed JSON POST per matching alert event.</summary>
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>The SMTP server e-mail goes through; required when <see cref="Email"/> has entries.</summary>
    public SmtpOptions? Smtp { get; set; }

    /// <summary>E-mail routes: each sends one message per matching alert event to its addresses.</summary>
    public List<EmailRouteOptions> Email { get; set; } = [];

    /// <summary>The dashboard's address as recipients reach it (e.g. <c>https://envmon.example.vn/</c>); notices then link to the alert.</summary>
    public Uri? DashboardUrl { get; set; }

    /// <summary>How long a delivery is retried before it is given up (and logged as an error).</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The first retry's delay; each further retry doubles it (jittered ±50%) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>One attempt (an HTTP request, an SMTP session) may take this long before it counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Deliveries waiting per receiver (in its outbox: queued or under way); with that many waiting, a
    /// new notice for it is refused (an error log, <c>envmon_notifications_dropped_total</c>, the
    /// health report) and the waiting ones are kept.
    /// </summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>
    /// Where each receiver's outbox file lives (relative to the content root): a folder of the host's
    /// own, mode 0700, its files 0600. Deliveries wait there until delivered, so a restart or a crash
    /// loses none; one host per folder.
    /// </summary>
    public string OutboxDirectory { get; set; } = "data/outbox";

    /// <summary>
    /// Deliveries under way at once per receiver. Events of one alert always share a lane, so they
    /// arrive in order; a receiver that keeps failing one alert's event does not hold up the others.
    /// </summary>
    public int LanesPerReceiver { get; set; } = 4;

    /// <summary>At shutdown, how long queued deliveries may take to go out; the rest stay in the outbox for the next start.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
