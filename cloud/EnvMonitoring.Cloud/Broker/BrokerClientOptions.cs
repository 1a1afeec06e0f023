using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// One identity allowed to connect to the cloud broker (<c>Broker:Clients</c>): a gateway
/// (<see cref="Park"/> and <see cref="Gateway"/>), a station wired to the cloud directly
/// (<see cref="Park"/> and <see cref="Station"/>), or ingestion subscribing from outside the
/// broker (<see cref="Ingestion"/>). Exactly one of the three.
/// </summary>
public sealed class BrokerClientOptions
{
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    public string Username { get; set; } = "";

    /// <summary>From <c>EnvMonitoring.Cloud hash-password</c>: <c>pbkdf2-sha256$iterations$salt$hash</c>. Never the password itself.</summary>
    [Required]
    public string PasswordHash { get; set; } = "";

    public string? Park { get; set; }

    public string? Gateway { get; set; }

    public string? Station { get; set; }

    /// <summary>Ingestion's own identity (<c>Ingestion:Username</c>): subscribes to all telemetry and batches, publishes acks.</summary>
    public bool Ingestion { get; set; }

    /// <summary>
    /// The MQTT client id reserved for this identity; a gateway's defaults to <c>envmon-gw-{Gateway}</c>
    /// (what the gateway uses). Nobody else may connect with it, and the identity must use it.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string? ClientId { get; set; }
}
