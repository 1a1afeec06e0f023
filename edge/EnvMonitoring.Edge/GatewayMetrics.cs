using System.Diagnostics.Metrics;
using EnvMonitoring.Edge.Log;
using EnvMonitoring.Protocol.Codec;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Edge;

/// <summary>
/// The gateway's instruments (meter <c>EnvMonitoring.Gateway</c>), exported for Prometheus at
/// <c>Gateway:Metrics</c> as <c>envmon_gateway_*</c> (docs/metrics.md). Every one observes state the
/// gateway keeps anyway (<see cref="GatewayCounters"/>, the <see cref="SampleLog"/>), read at scrape time.
/// A hosted service only so that it exists from the start: a scrape never misses the gateway's meter.
/// </summary>
internal sealed class GatewayMetrics : IHostedService, IDisposable
{
    public const string MeterName = "EnvMonitoring.Gateway";

    private readonly Meter _meter;

    public GatewayMetrics(IMeterFactory meters, GatewayCounters counters, SampleLog log, IOptions<GatewayOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        var maxBytes = options.Value.Log.MaxBytes;
        _meter = meters.Create(MeterName);
        _meter.CreateObservableCounter("envmon.gateway.samples.accepted", () => counters.SamplesAccepted, "{sample}", "Samples from nodes durably appended to the log (each one acknowledged to its node)");
        _meter.CreateObservableCounter("envmon.gateway.samples.forwarded", () => counters.SamplesForwarded, "{sample}", "Samples published to the cloud broker in batches (replays included)");
        _meter.CreateObservableCounter("envmon.gateway.batches.acknowledged", () => counters.BatchesAcknowledged, "{batch}", "Batches the cloud acknowledged as stored");
        _meter.CreateObservableCounter("envmon.gateway.refusals", () => Refusals(counters), "{refusal}", "Connects, publishes and subscriptions of nodes refused, by reason");
        _meter.CreateObservableCounter("envmon.gateway.tls.handshakes", () => Handshakes(counters), "{handshake}", "TLS handshakes on the node listener: started, and completed (a CONNECT arrived over TLS)");
        _meter.CreateObservableGauge("envmon.gateway.log.size", () => log.IsOpen ? log.BytesOnDisk : 0, "By", "Bytes of the sample log's files on disk");
        _meter.CreateObservableGauge("envmon.gateway.log.limit", () => maxBytes, "By", "The backlog at which new samples are refused (Gateway:Log:MaxBytes)");
        _meter.CreateObservableGauge("envmon.gateway.backlog", () => log.IsOpen ? log.BacklogBytes : 0, "By", "Bytes of samples the cloud has not acknowledged");
        _meter.CreateObservableGauge("envmon.gateway.backlog.oldest_age", () => OldestAge(log, time), "s", "Now minus the measurement time of the oldest sample the cloud has not acknowledged; 0 when none waits");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Refusals(GatewayCounters counters) =>
        Enum.GetValues<Refusal>().Select(r => new Measurement<long>(counters.RefusedFor(r), new KeyValuePair<string, object?>("reason", WireName.Of(r))));

    private static IEnumerable<Measurement<long>> Handshakes(GatewayCounters counters) =>
    [
        new(counters.TlsHandshakesStarted, new KeyValuePair<string, object?>("stage", "started")),
        new(counters.TlsHandshakesCompleted, new KeyValuePair<string, object?>("stage", "completed")),
    ];

    private static double OldestAge(SampleLog log, TimeProvider time) =>
        log.IsOpen && log.OldestUnsent() is { } oldest ? Math.Max(0, (time.GetUtcNow() - oldest).TotalSeconds) : 0;
}
