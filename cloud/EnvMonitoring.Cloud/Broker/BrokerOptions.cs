using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// The cloud's MQTT broker (section <c>Broker</c>). By default the host embeds an MQTTnet broker;
/// with <see cref="Embedded"/> false the host only connects to an external one (mosquitto, EMQX).
/// </summary>
public sealed class BrokerOptions
{
    public const string Section = "Broker";

    public bool Embedded { get; set; } = true;

    /// <summary>Where the embedded broker listens, and where ingestion connects.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>
    /// The plaintext MQTT port; 0 turns the plaintext listener off (then <see cref="Tls"/> must listen
    /// and ingestion must run inside the broker, since its subscriber connects in plaintext).
    /// </summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>The MQTTS listener beside (or instead of) the plaintext one.</summary>
    [Required]
    public BrokerTlsOptions Tls { get; set; } = new();

    /// <summary>
    /// QoS 1 messages the embedded broker queues per subscriber before it would drop; high so
    /// that a slow consumer back-pressures instead of losing data (MQTTnet's default of 250 drops).
    /// </summary>
    [Range(1000, int.MaxValue)]
    public int MaxPendingMessagesPerClient { get; set; } = 5_000_000;

    /// <summary>
    /// Who may connect (docs/security.md): one identity per gateway, per directly wired station and
    /// for ingestion when it subscribes from outside the broker. Validated at start.
    /// </summary>
    public List<BrokerClientOptions> Clients { get; set; } = [];

    /// <summary>Accept clients without credentials, with no ACL but the size limits. For tests only; <c>./envmon run</c> never sets it.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// Largest payload a client may publish; larger ones are refused (quota exceeded) and never
    /// routed or retained. Above the codec's batch limit (8 MiB), so that a too-large batch with a
    /// readable number is still quarantined and acknowledged rather than re-sent forever. MQTTnet 5.2's
    /// server has no packet-size option: the packet is read, then refused, so each connection holds
    /// at most one such packet at a time.
    /// </summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxPacketBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest retained payload (status messages are small); larger ones are refused so retained state cannot grow the host.</summary>
    [Range(0, 256 * 1024 * 1024)]
    public int MaxRetainedBytes { get; set; } = 16 * 1024;

    /// <summary>Failed connects from one address within <see cref="ConnectFailureWindow"/> before that address is refused unchecked.</summary>
    [Range(1, 10_000)]
    public int ConnectFailuresPerWindow { get; set; } = 10;

    /// <summary>The window of <see cref="ConnectFailuresPerWindow"/>: a blocked address is let in again once its failures are this old.</summary>
    public TimeSpan ConnectFailureWindow { get; set; } = TimeSpan.FromMinutes(1);
}
