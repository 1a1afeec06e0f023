using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Node.Outbox;

/// <summary>The on-disk buffer of readings not yet acknowledged by the gateway (section <c>Node:Buffer</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Folder of the per-station outbox files, relative to the content root (a systemd unit uses <c>/var/lib/envmon-node</c>).</summary>
    [Required]
    public string Directory { get; set; } = "data/outbox";

    /// <summary>
    /// Unsent readings kept per station. 16 MiB holds about 50,000 samples: a month at one per
    /// minute. When full, the oldest unsent reading is dropped (and logged) to make room.
    /// </summary>
    [Range(64 * 1024, 1L << 30)]
    public long MaxBytes { get; set; } = 16 * 1024 * 1024;
}
