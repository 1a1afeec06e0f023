using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Edge.Log;

/// <summary>The gateway's durable sample log (section <c>Gateway:Log</c>).</summary>
public sealed class LogOptions
{
    /// <summary>Folder of the log; relative paths are under the content root.</summary>
    [Required]
    public string Directory { get; set; } = "data/log";

    /// <summary>
    /// Acknowledge a node only after its sample is on disk (group commit: many samples per flush).
    /// Off only for measurements: a crash then loses what was acknowledged but not yet flushed.
    /// </summary>
    public bool Durable { get; set; } = true;

    /// <summary>Disk the unsent backlog may use; at the cap new samples are refused (nodes keep and retry them).</summary>
    [Range(16L * 1024 * 1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Fraction of <see cref="MaxBytes"/> at which the gateway warns in its log and status.</summary>
    [Range(0.1, 1.0)]
    public double WarnFraction { get; set; } = 0.8;
}
