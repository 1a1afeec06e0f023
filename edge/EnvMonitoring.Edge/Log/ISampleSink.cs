using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Edge.Log;

/// <summary>
/// Where the gateway's inputs (the node broker, the Circular-10 file intake) put accepted samples.
/// When <see cref="AppendAsync"/> completes, the samples are durable: they survive power loss and
/// reach the cloud. It throws <see cref="LogFullException"/> when the disk cap is reached.
/// </summary>
public interface ISampleSink
{
    ValueTask AppendAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken);
}
