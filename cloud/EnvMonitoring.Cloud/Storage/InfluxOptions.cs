using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Cloud.Storage;

/// <summary>InfluxDB through its v1 HTTP API (section <c>Influx</c>); served by InfluxDB 1.x, 2.x (DBRP) and 3.x.</summary>
public sealed class InfluxOptions
{
    public const string Section = "Influx";

    [Required]
    public Uri Url { get; set; } = new("http://127.0.0.1:8086");

    [Required]
    [RegularExpression("^[A-Za-z0-9_]{1,64}$")]
    public string Database { get; set; } = "envmon";

    /// <summary>Optional credentials (InfluxDB 1.x auth, or a 2.x token as the password).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one request (a write or a query) may take before it is abandoned.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a pooled connection to InfluxDB is reused before a new one is opened, so a changed
    /// DNS name (a moved or failed-over server) is picked up by the one long-lived client.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan ConnectionLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gzip write bodies: pays over a network (line protocol shrinks ~5-10x), costs CPU on loopback.</summary>
    public GzipMode Gzip { get; set; } = GzipMode.Auto;
}

public enum GzipMode
{
    /// <summary>Compress unless InfluxDB's URL is a loopback address.</summary>
    Auto,
    Always,
    Never,
}
