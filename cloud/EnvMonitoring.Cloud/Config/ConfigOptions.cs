using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Cloud.Config;

/// <summary>The configuration store (section <c>Config</c>).</summary>
public sealed class ConfigOptions
{
    public const string Section = "Config";

    /// <summary>The SQLite file, relative to the content root; made private (0600) as it holds password hashes.</summary>
    [Required]
    public string Path { get; set; } = "data/config.db";
}
