using System.Diagnostics.Metrics;
using EnvMonitoring.Node.Outbox;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Node;

/// <summary>
/// The node's instruments (meter <c>EnvMonitoring.Node</c>), exported for Prometheus at
/// <c>Node:Metrics</c> as <c>envmon_node_*</c> (docs/metrics.md), each by <c>station</c>.
/// </summary>
internal sealed class NodeMetrics : IDisposable
{
    public const string MeterName = "EnvMonitoring.Node";

    /// <summary>From a LAN round trip (milliseconds) to the publish time-out (15 s).</summary>
    private static readonly double[] PublishBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

    private readonly Meter _meter;
    private readonly Counter<long> _faults;
    private readonly Histogram<double> _publishSeconds;

    public NodeMetrics(IMeterFactory meters, Outboxes outboxes)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(outboxes);
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("envmon.node.outbox.depth", () => outboxes.All.Select(o => new Measurement<int>(o.Count, Station(o.Station))), "{sample}", "Samples in the station's outbox not yet acknowledged by the gateway");
        _faults = _meter.CreateCounter<long>("envmon.node.probe.faults", "{reading}", "Readings reported with device status fault (2), by station and parameter");
        _publishSeconds = _meter.CreateHistogram("envmon.node.publish.duration", "s", "From a sample's publish to the gateway's PUBACK (or refusal)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PublishBuckets });
    }

    /// <summary>Counts the report's readings whose status is fault.</summary>
    public void Reported(string station, IReadOnlyList<Reading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        foreach (var reading in readings)
        {
            if (reading.Status == DeviceStatus.Fault)
            {
                _faults.Add(1, Station(station), new KeyValuePair<string, object?>("parameter", reading.Parameter.Code));
            }
        }
    }

    public void Published(string station, TimeSpan elapsed) => _publishSeconds.Record(elapsed.TotalSeconds, Station(station));

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> Station(string station) => new("station", station);
}
