using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Cloud.Export;

/// <summary>Export jobs (section <c>Export</c>).</summary>
public sealed class ExportOptions
{
    public const string Section = "Export";

    /// <summary>
    /// Where finished ZIPs wait to be downloaded (relative to the content root): a folder of the
    /// host's own, mode 0700, its files 0600, emptied of ZIPs left by an earlier run at start.
    /// </summary>
    [Required]
    public string Directory { get; set; } = "data/exports";

    /// <summary>How long a job and its ZIP are kept after it ends.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Keep { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Jobs running at once; more are refused with 429 until one ends.</summary>
    [Range(1, 64)]
    public int MaxRunning { get; set; } = 2;
}
