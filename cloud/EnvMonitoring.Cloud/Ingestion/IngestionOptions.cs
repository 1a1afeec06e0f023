using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>Ingestion from the cloud broker into InfluxDB (section <c>Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>
    /// With the embedded broker: take telemetry and gateway batches inside the broker as they arrive
    /// (<see cref="InProcessIngestion"/>, no MQTT hop). False: subscribe over MQTT, as to an external
    /// broker. Ignored with an external broker.
    /// </summary>
    public bool InProcess { get; set; } = true;

    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string ClientId { get; set; } = "envmon-ingestion";

    /// <summary>
    /// When set, subscribe as <c>$share/{group}/…</c> so several instances split the load
    /// (MQTT 5 shared subscriptions; needs an external broker such as mosquitto or EMQX).
    /// </summary>
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string? SharedSubscriptionGroup { get; set; }

    /// <summary>How long the broker keeps our session (and queues for it) while we are away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Unacknowledged messages in flight from the broker: bounds our memory and back-pressures the broker.</summary>
    [Range(1, 65535)]
    public int ReceiveMaximum { get; set; } = 4096;

    /// <summary>Lines per InfluxDB write at most.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchLines { get; set; } = 10_000;

    /// <summary>Longest a received message waits for its batch to fill before the batch is written.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>InfluxDB writes under way at once; InfluxDB 1.x on two cores peaks at about two.</summary>
    [Range(1, 64)]
    public int MaxWritesInFlight { get; set; } = 2;

    /// <summary>On shutdown, how long writes under way may take to finish before they are abandoned (and redelivered later).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A connection whose broker does not answer a ping within this time is restarted.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A sample measured later than now + this is refused (<c>TimestampInFuture</c>): a clock that
    /// runs ahead would otherwise hold the station's live values and the rules' clocks in the future.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A sample measured earlier than now − this is refused (<c>TimestampBeyondBackfill</c>). The
    /// default, 31 days, covers a gateway replaying a month-long outage (its log holds far more than
    /// that: 8 GiB) and a whole legal month for the monthly reports, while a node cannot slip a
    /// reading into a period whose reports were already filed. Raise it to load older history.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan BackfillHorizon { get; set; } = TimeSpan.FromDays(31);

    /// <summary>
    /// Stored readings are append-only (a rewrite is refused as a conflict). False turns the check
    /// off — InfluxDB then overwrites a reading sent again with other content — and exists only so
    /// that <c>./envmon bench</c> can print what the protections cost; the host warns at start.
    /// </summary>
    public bool AppendOnly { get; set; } = true;

    /// <summary>
    /// Samples per station the append-only check keeps in memory (time, hash of the line, seq; about
    /// 64 bytes each) besides the floor it seeds from InfluxDB. A repeat of one of them (a replay after
    /// a lost ack, which comes seconds to minutes later) costs nothing; a repeat of an older one costs
    /// one read per message. 1024 is 17 hours of one-minute samples and 13 MB for 200 stations.
    /// docs/storage.md, "Append-only".
    /// </summary>
    [Range(64, 1_000_000)]
    public int AppendOnlyWindow { get; set; } = 1024;

    public TimeSpan ReconnectDelayMax { get; set; } = TimeSpan.FromSeconds(10);

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// TLS to an external broker (section <c>Ingestion:Tls</c>, as the gateway's <c>Gateway:Cloud:Tls</c>):
    /// on while its <c>CaPath</c> is set; <c>Broker:Port</c> is then the broker's MQTTS port. The broker
    /// must show a certificate for <c>Broker:Host</c> chaining to that CA alone; a client certificate
    /// is optional. Not for the embedded broker, which ingestion reaches in process or on loopback.
    /// </summary>
    public TlsClientOptions Tls { get; set; } = new();
}
