using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Cloud.Storage;

/// <summary>InfluxDB through its v1 HTTP API (section <c>Influx</c>); served by InfluxDB 1.x, 2.x (DBRP) and 3.x.</summary>
/// <remarks>
/// Credentials travel only in an <c>Authorization: Basic</c> header, never in a URL; give the
/// passwords through environment variables (<c>Influx__Password</c>), not command lines.
/// </remarks>
public sealed class InfluxOptions : IValidatableObject
{
    public const string Section = "Influx";

    [Required]
    public Uri Url { get; set; } = new("http://127.0.0.1:8086");

    [Required]
    [RegularExpression("^[A-Za-z0-9_]{1,64}$")]
    public string Database { get; set; } = "envmon";

    /// <summary>
    /// The identity the host reads and writes with (InfluxDB 1.x: a non-admin user granted ALL on
    /// <see cref="Database"/>; 2.x: a token as the password). Null: InfluxDB without authentication.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// Optional admin identity used only for set-up statements the host's own user may not run:
    /// <c>CREATE DATABASE</c>, <c>GRANT ALL</c> on it to <see cref="Username"/>, and creating or
    /// altering retention policies. Leave it unset in production when the database, its retention
    /// policies and the grant are made beforehand (docs/running.md).
    /// </summary>
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string? SetupUsername { get; set; }

    public string? SetupPassword { get; set; }

    /// <summary>
    /// The retention policy that keeps forever what must outlive raw data: rollups, alert events and
    /// the audit log (created with infinite duration when missing; docs/storage.md).
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_]{1,64}$")]
    public string LongTermPolicy { get; set; } = "longterm";

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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Influx:Username and Influx:Password are set together or not at all.", [nameof(Username), nameof(Password)]);
        }

        if (string.IsNullOrEmpty(SetupUsername) != string.IsNullOrEmpty(SetupPassword))
        {
            yield return new ValidationResult("Influx:SetupUsername and Influx:SetupPassword are set together or not at all.", [nameof(SetupUsername), nameof(SetupPassword)]);
        }

        if (!string.IsNullOrEmpty(SetupUsername) && string.IsNullOrEmpty(Username))
        {
            yield return new ValidationResult("Influx:SetupUsername needs Influx:Username: the set-up identity only prepares the database for the host's own user.", [nameof(SetupUsername)]);
        }
    }
}

public enum GzipMode
{
    /// <summary>Compress unless InfluxDB's URL is a loopback address.</summary>
    Auto,
    Always,
    Never,
}
