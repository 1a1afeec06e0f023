using System.Diagnostics.Metrics;

namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// The relay's instruments (meter <c>EnvMonitoring.Relay</c>), exported for Prometheus at
/// <c>/metrics</c> as <c>envmon_relay_*</c>, tagged by destination.
/// </summary>
internal sealed class RelayMetrics : IDisposable
{
    public const string MeterName = "EnvMonitoring.Relay";

    private readonly Meter _meter;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _staged;
    private readonly Counter<long> _failed;

    public RelayMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _sent = _meter.CreateCounter<long>("envmon.relay.files.sent", "{file}", "Files a destination took (renamed to their final name)");
        _staged = _meter.CreateCounter<long>("envmon.relay.files.staged", "{file}", "Files written into a destination's outbox");
        _failed = _meter.CreateCounter<long>("envmon.relay.failures", "{attempt}", "Upload attempts that failed, by kind");
    }

    /// <summary>Set once the destinations exist: the gauges read their status.</summary>
    public void Observe(Func<IReadOnlyList<RelayDestinationStatus>> statuses)
    {
        _meter.CreateObservableGauge("envmon.relay.backlog", () => statuses().Select(s => new Measurement<int>(s.Backlog, Tag(s.Name))), "{file}", "Files waiting in a destination's outbox");
        _meter.CreateObservableGauge("envmon.relay.behind", () => statuses().Select(s => new Measurement<double>(s.Behind.TotalSeconds, Tag(s.Name))), "s", "How long ago the oldest unsent interval closed");
    }

    public void Sent(string destination) => _sent.Add(1, Tag(destination));

    public void Staged(string destination, int files) => _staged.Add(files, Tag(destination));

    public void Failed(string destination, RelayFailure failure) => _failed.Add(1, Tag(destination), new("failure", Protocol.Codec.WireName.Of(failure)));

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> Tag(string destination) => new("destination", destination);
}
