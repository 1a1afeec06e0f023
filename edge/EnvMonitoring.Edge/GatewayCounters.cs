namespace EnvMonitoring.Edge;

/// <summary>What the gateway has done since start, for its status message, its metrics (<see cref="GatewayMetrics"/>) and tests.</summary>
public sealed class GatewayCounters
{
    private readonly long[] _refusals = new long[Enum.GetValues<Refusal>().Length];
    private long _accepted;
    private long _forwarded;
    private long _acknowledged;
    private long _tlsStarted;
    private long _tlsCompleted;

    public long SamplesAccepted => Interlocked.Read(ref _accepted);

    /// <summary>Publishes and subscriptions refused (every reason but a connect's).</summary>
    public long PublishesRefused => Enum.GetValues<Refusal>().Where(r => r is not (Refusal.Credentials or Refusal.Throttled)).Sum(RefusedFor);

    public long ConnectsRefused => RefusedFor(Refusal.Credentials) + RefusedFor(Refusal.Throttled);

    public long SamplesForwarded => Interlocked.Read(ref _forwarded);

    public long BatchesAcknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>TLS handshakes a node began on the TLS listener (the server certificate was taken for one).</summary>
    public long TlsHandshakesStarted => Interlocked.Read(ref _tlsStarted);

    /// <summary>TLS handshakes that completed: an MQTT CONNECT arrived over the encrypted channel.</summary>
    public long TlsHandshakesCompleted => Interlocked.Read(ref _tlsCompleted);

    public long RefusedFor(Refusal reason) => Interlocked.Read(ref _refusals[(int)reason]);

    internal void Accepted() => Interlocked.Increment(ref _accepted);

    internal void Refused(Refusal reason) => Interlocked.Increment(ref _refusals[(int)reason]);

    internal void Forwarded(int samples) => Interlocked.Add(ref _forwarded, samples);

    internal void Acknowledged(int batches) => Interlocked.Add(ref _acknowledged, batches);

    internal void TlsHandshakeStarted() => Interlocked.Increment(ref _tlsStarted);

    internal void TlsHandshakeCompleted() => Interlocked.Increment(ref _tlsCompleted);
}
