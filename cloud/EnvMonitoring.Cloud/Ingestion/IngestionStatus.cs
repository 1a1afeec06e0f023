namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>What ingestion knows about its own health, for <c>/api/health</c>.</summary>
public sealed class IngestionStatus
{
    private long _samplesWritten;
    private long _lastWriteTicks;

    public bool BrokerConnected { get; set; }

    public bool InfluxReady { get; set; }

    public long SamplesWritten => Interlocked.Read(ref _samplesWritten);

    public DateTimeOffset? LastWriteAt => Interlocked.Read(ref _lastWriteTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    internal void RecordWrite(int samples, DateTimeOffset at)
    {
        Interlocked.Add(ref _samplesWritten, samples);
        Interlocked.Exchange(ref _lastWriteTicks, at.UtcTicks);
    }
}
