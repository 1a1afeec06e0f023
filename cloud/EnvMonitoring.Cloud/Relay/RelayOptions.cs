namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// The upward relay (section <c>Relay</c>, docs/relay.md): Circular-10 files of the province's
/// stations pushed to the level above. Off while <see cref="Destinations"/> is empty.
/// </summary>
public sealed class RelayOptions
{
    public const string Section = "Relay";

    public List<RelayDestinationOptions> Destinations { get; set; } = [];

    /// <summary>
    /// Where each destination's outbox and cursor live (relative to the content root): a folder of
    /// the host's own, 0700. Files wait there until uploaded, so a restart or a crash loses none.
    /// </summary>
    public string StateDirectory { get; set; } = "data/relay";

    /// <summary>The first retry's delay after a failed upload; each further retry doubles it up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>One connection or transfer may take this long before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A destination whose oldest unsent interval closed longer ago than this is behind: health problem and a warning.</summary>
    public TimeSpan BehindAlert { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How far back late readings are looked for (and corrected, where a destination accepts corrections).</summary>
    public TimeSpan CorrectionWindow { get; set; } = TimeSpan.FromDays(1);
}
