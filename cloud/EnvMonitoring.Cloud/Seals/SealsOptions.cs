using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>Sealing (section <c>Seals</c>, docs/evidence.md).</summary>
public sealed class SealsOptions
{
    public const string Section = "Seals";

    /// <summary>Seal what is stored. On by default; off only for a benchmark's baseline.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Folder of the centre's signing keys (private keys 0600, the folder 0700); relative paths are under the content root.</summary>
    [Required]
    public string KeyDirectory { get; set; } = "data/seal-keys";

    /// <summary>How often what arrived since the last seal is sealed: how long a reading can stay unsealed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after a legal day ends its closing seal is made (data a gateway still forwards lands in it).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CloseDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A seal is made as soon as this many items wait (bounds memory and a seal's size); each station
    /// has its own threshold between three quarters of this and all of it, so stations that report
    /// together do not all seal at once.
    /// </summary>
    [Range(10, 5000)]
    public int MaxItemsPerSeal { get; set; } = 1024;

    /// <summary>
    /// How long the seal journal gathers seals into one write to InfluxDB (each request is a sync of
    /// InfluxDB's write-ahead log; seals come in a stream while ingestion runs hard). Checks inside the
    /// host count the seals not yet written; <c>verify-seals</c> reading InfluxDB alone sees them after it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan WriteLinger { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The InfluxDB retention policy (never expiring) the seals are kept in, apart from everything else.</summary>
    [Required]
    public string RetentionPolicy { get; set; } = "seals";
}
