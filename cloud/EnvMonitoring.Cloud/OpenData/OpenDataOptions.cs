using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Cloud.OpenData;

/// <summary>The open-data endpoints for the public (section <c>OpenData</c>).</summary>
public sealed class OpenDataOptions
{
    public const string Section = "OpenData";

    /// <summary>Requests one client IP may make per <see cref="Window"/>; more get 429 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int PermitsPerWindow { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back the hourly means go: Decree 08/2022 Art. 102 keeps results visible for 30 days.</summary>
    [Range(1, 366)]
    public int Days { get; set; } = 30;
}
