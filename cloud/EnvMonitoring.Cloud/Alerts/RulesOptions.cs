using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>The <c>Rules</c> section: how the host drives the rules engine.</summary>
public sealed class RulesOptions
{
    public const string Section = "Rules";

    /// <summary>How often time-driven rules run (offline, silent parameter, local-day close, clearing).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How much stored history warms the rolling means at start-up (0 = none).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3.00:00:00")]
    public TimeSpan WarmFrom { get; set; } = TimeSpan.FromHours(25);

    /// <summary>
    /// An active alert nobody acknowledged this long after it opened is marked overdue, once, and told
    /// again (notifications' kind <c>Overdue</c>); empty or 00:00:00: never.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan? AcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Resolved alerts kept in memory for <c>GET /api/alerts?state=all</c> (and <c>resolved</c>); taken from the stored events at start-up.</summary>
    [Range(0, 100_000)]
    public int RecentResolved { get; set; } = 500;
}
