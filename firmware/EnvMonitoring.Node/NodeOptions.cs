using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Metrics;
using EnvMonitoring.Node.Channels;
using EnvMonitoring.Node.Outbox;
using EnvMonitoring.Node.Publishing;
using EnvMonitoring.Node.Simulation;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Node;

/// <summary>
/// A sensor node (section <c>Node</c>): the park it reports to, its gateway, its stations, and
/// either the probe channels wired to it (<see cref="NodeBackend.Hardware"/>) or the simulator.
/// </summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    public string Park { get; set; } = "";

    [Required]
    public GatewayEndpoint Gateway { get; set; } = new();

    /// <summary>How often a sample is reported: the mean of the probe readings over this interval.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often every probe is read; shortened so that it divides the report interval.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The offset measurement times are written with: the station's local time, as its datalogger
    /// and Circular 10/2021 files show it; by default the province's legal time (<see cref="ProvinceTime"/>,
    /// +07:00). The instant is the same either way.
    /// </summary>
    [Range(typeof(TimeSpan), "-14:00:00", "14:00:00")]
    public TimeSpan UtcOffset { get; set; } = ProvinceTime.Offset;

    /// <summary>
    /// Where readings come from. Unset means <see cref="NodeBackend.Hardware"/> when channels are
    /// configured and <see cref="NodeBackend.Simulator"/> otherwise, so a node wired to probes never
    /// reports invented values by omission.
    /// </summary>
    public NodeBackend? Backend { get; set; }

    /// <summary>The discharge points this node reports for; a real node has one, a simulator may have several.</summary>
    [MinLength(1)]
    public List<StationOptions> Stations { get; set; } = [];

    /// <summary>The probes wired to this node (hardware backend).</summary>
    public List<ChannelOptions> Channels { get; set; } = [];

    [Required]
    public OutboxOptions Buffer { get; set; } = new();

    [Required]
    public SimulatorOptions Simulator { get; set; } = new();

    [Required]
    public CalibrationCommandOptions Calibration { get; set; } = new();

    /// <summary>The Prometheus endpoint (<c>GET /metrics</c>), off while its port is 0 (docs/metrics.md).</summary>
    public MetricsEndpointOptions Metrics { get; set; } = new();

    public NodeBackend EffectiveBackend => Backend ?? (Channels.Count > 0 ? NodeBackend.Hardware : NodeBackend.Simulator);
}
