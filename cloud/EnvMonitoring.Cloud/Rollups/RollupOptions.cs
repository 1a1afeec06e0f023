namespace EnvMonitoring.Cloud.Rollups;

/// <summary>Hourly and daily rollups and data retention (section <c>Rollups</c>, docs/storage.md).</summary>
public sealed class RollupOptions
{
    public const string Section = "Rollups";

    /// <summary>Whether the platform keeps rollups; off, the history API aggregates raw data only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between passes; a pass also picks up late data of the last <see cref="LateDataHorizon"/>.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far back each pass compares stored counts with raw counts to find hours that received
    /// data late (a gateway replaying an outage). Late data older than this is rolled up only by
    /// <c>POST /api/rollups/recompute</c>.
    /// </summary>
    public TimeSpan LateDataHorizon { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long raw samples are kept: applied to the database's default retention policy at start
    /// (at least 1 day; null leaves it as it is, by default forever). Rollups stay.
    /// </summary>
    public TimeSpan? RawRetention { get; set; }
}
