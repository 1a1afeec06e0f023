using System.Threading.Channels;
using EnvMonitoring.Protocol.Samples;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Edge.Forwarding;

/// <summary>
/// Samples accepted from nodes, waiting to be forwarded. Bounded: when full, the node broker waits
/// before it PUBACKs, which slows the nodes instead of dropping. In memory for now; the durable
/// log of the edge issue takes its place so that an acknowledged sample survives power loss.
/// </summary>
internal sealed class SampleQueue(IOptions<GatewayOptions> options)
{
    private readonly Channel<Sample> _channel = Channel.CreateBounded<Sample>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public int Count => _channel.Reader.Count;

    public ValueTask AppendAsync(Sample sample, CancellationToken cancellationToken) => _channel.Writer.WriteAsync(sample, cancellationToken);

    public bool TryTake([NotNullWhen(true)] out Sample? sample) => _channel.Reader.TryRead(out sample);

    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);
}
