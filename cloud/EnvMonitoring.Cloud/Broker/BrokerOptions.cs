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

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>
    /// QoS 1 messages the embedded broker queues per subscriber before it would drop; high so
    /// that a slow consumer back-pressures instead of losing data (MQTTnet's default of 250 drops).
    /// </summary>
    [Range(1000, int.MaxValue)]
    public int MaxPendingMessagesPerClient { get; set; } = 5_000_000;
}
