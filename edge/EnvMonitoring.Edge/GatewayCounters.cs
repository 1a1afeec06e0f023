namespace EnvMonitoring.Edge;

/// <summary>What the gateway has done since start, for its status message and tests.</summary>
public sealed class GatewayCounters
{
    private long _accepted;
    private long _refused;
    private long _connectsRefused;
    private long _forwarded;
    private long _acknowledged;

    public long SamplesAccepted => Interlocked.Read(ref _accepted);

    public long PublishesRefused => Interlocked.Read(ref _refused);

    public long ConnectsRefused => Interlocked.Read(ref _connectsRefused);

    public long SamplesForwarded => Interlocked.Read(ref _forwarded);

    public long BatchesAcknowledged => Interlocked.Read(ref _acknowledged);

    internal void Accepted() => Interlocked.Increment(ref _accepted);

    internal void Refused() => Interlocked.Increment(ref _refused);

    internal void ConnectRefused() => Interlocked.Increment(ref _connectsRefused);

    internal void Forwarded(int samples) => Interlocked.Add(ref _forwarded, samples);

    internal void Acknowledged(int batches) => Interlocked.Add(ref _acknowledged, batches);
}
