using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Decoded messages between the MQTT subscriber and the InfluxDB writer. Bounded by the receive
/// maximum, so a slow InfluxDB stops the broker from sending rather than filling memory.
/// </summary>
internal sealed class DeliveryQueue(IOptions<IngestionOptions> options)
{
    private readonly Channel<IngestedMessage> _channel = Channel.CreateBounded<IngestedMessage>(
        new BoundedChannelOptions(options.Value.ReceiveMaximum) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public int Count => _channel.Reader.Count;

    public ValueTask EnqueueAsync(IngestedMessage message, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(message, cancellationToken);

    public bool TryEnqueue(IngestedMessage message) => _channel.Writer.TryWrite(message);

    public bool TryDequeue([NotNullWhen(true)] out IngestedMessage? message) => _channel.Reader.TryRead(out message);

    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);
}
