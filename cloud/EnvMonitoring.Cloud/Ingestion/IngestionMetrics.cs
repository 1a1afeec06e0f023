using System.Diagnostics.Metrics;
using EnvMonitoring.Cloud.Quarantine;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Ingestion's instruments (meter <c>EnvMonitoring.Ingestion</c>), exported for Prometheus at <c>/metrics</c>
/// as <c>envmon_ingestion_*</c>.
/// </summary>
internal sealed class IngestionMetrics : IDisposable
{
    public const string MeterName = "EnvMonitoring.Ingestion";

    private readonly Meter _meter;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _samples;
    private readonly Counter<long> _valuesWritten;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _ledgerReads;
    private readonly Histogram<int> _batchLines;
    private readonly Histogram<double> _writeSeconds;
    private readonly Histogram<double> _lagSeconds;

    public IngestionMetrics(IMeterFactory meters, DeliveryQueue queue, QuarantineStore quarantine)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(quarantine);
        quarantine.Added += Rejected;
        _meter = meters.Create(MeterName);
        _messages = _meter.CreateCounter<long>("envmon.ingestion.messages", "{message}", "MQTT messages received");
        _samples = _meter.CreateCounter<long>("envmon.ingestion.samples", "{sample}", "Samples accepted by the codec");
        _valuesWritten = _meter.CreateCounter<long>("envmon.ingestion.values.written", "{value}", "Values InfluxDB stored");
        _rejections = _meter.CreateCounter<long>("envmon.ingestion.rejections", "{item}", "Items quarantined, by reason");
        _retries = _meter.CreateCounter<long>("envmon.ingestion.write.retries", "{request}", "InfluxDB writes retried");
        _conflicts = _meter.CreateCounter<long>("envmon.ingestion.conflicts", "{sample}", "Samples refused because they would have rewritten stored ones");
        _ledgerReads = _meter.CreateCounter<long>("envmon.ingestion.append_only.reads", "{request}", "Reads the append-only check made for samples older than it remembers");
        _batchLines = _meter.CreateHistogram<int>("envmon.ingestion.batch.lines", "{line}", "Lines per InfluxDB write");
        _writeSeconds = _meter.CreateHistogram<double>("envmon.ingestion.write.duration", "s", "InfluxDB write latency, retries included");
        _lagSeconds = _meter.CreateHistogram<double>("envmon.ingestion.lag", "s", "Now minus measurement time when a sample is stored");
        _meter.CreateObservableGauge("envmon.ingestion.queue", () => queue.Count, "{message}", "Messages received and not yet written");
        _meter.CreateObservableGauge("envmon.ingestion.writes.in_flight", () => WritesInFlight, "{request}", "InfluxDB writes under way");
    }

    public int WritesInFlight { get; set; }

    public void Received(int samples)
    {
        _messages.Add(1);
        _samples.Add(samples);
    }

    public void Rejected(string reason) => _rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Retried() => _retries.Add(1);

    public void Conflicted() => _conflicts.Add(1);

    public void LedgerRead() => _ledgerReads.Add(1);

    public void Written(int lines, int values, TimeSpan elapsed)
    {
        _batchLines.Record(lines);
        _valuesWritten.Add(values);
        _writeSeconds.Record(elapsed.TotalSeconds);
    }

    public void Lag(TimeSpan lag) => _lagSeconds.Record(lag.TotalSeconds);

    public void Dispose() => _meter.Dispose();
}
