using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Cloud.Quarantine;

/// <summary>Where refused input is kept for inspection (section <c>Quarantine</c>).</summary>
public sealed class QuarantineOptions
{
    public const string Section = "Quarantine";

    /// <summary>Folder of the quarantine files; relative paths are under the host's content root.</summary>
    [Required]
    public string Directory { get; set; } = "data/quarantine";

    /// <summary>Disk the quarantine may use; the older half is dropped when the newer half fills.</summary>
    [Range(1024 * 1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How much of a refused payload is kept beside its reasons.</summary>
    [Range(0, 64 * 1024)]
    public int PayloadExcerptBytes { get; set; } = 1024;
}
