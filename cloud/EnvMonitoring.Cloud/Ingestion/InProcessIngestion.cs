using EnvMonitoring.Protocol.Topics;
using MQTTnet;
using MQTTnet.Server;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Ingestion inside the embedded broker (the default with <c>Broker:Embedded</c>): every publish on
/// a telemetry or gateway-batch topic is decoded in the broker's publish interceptor and put in the
/// bounded <see cref="DeliveryQueue"/>; it is routed to no subscriber. The publisher's PUBACK goes
/// out when the interceptor returns, so while the queue is full the publisher waits for it: the
/// backlog of an InfluxDB outage stays with the gateways (in their durable logs) and stations
/// instead of in the broker's memory. Gateway acks are injected into the broker.
/// </summary>
/// <remarks>
/// The guarantee is the embedded broker's: a message counts as delivered once it is in this
/// process's memory, as it did in the broker's queue before; gateways keep every batch until its
/// application-level ack, sent only after the write (docs/ingestion.md). What changes is the cost:
/// no second MQTT hop through loopback TCP (publish, PUBACK, and a copy of the payload per message).
/// </remarks>
internal sealed class InProcessIngestion(
    MessageDecoder decoder,
    DeliveryQueue queue,
    IngestionStatus status,
    IHostApplicationLifetime lifetime) : ICloudPublisher
{
    /// <summary>
    /// The sender of the acks the cloud injects into its broker. MQTT client ids cannot start with
    /// <c>$</c> here (the broker refuses them), so no client can pass for the cloud.
    /// </summary>
    public const string CloudSenderId = "$envmon-cloud";

    private static readonly string[] Filters = [Topics.AllTelemetry, Topics.AllGatewayBatches];
    private MqttServer? _server;

    /// <summary>
    /// Injects acks into <paramref name="server"/>, which hands every authorized publish to
    /// <see cref="TakeAsync"/> (the broker authorizes first; this class has no rule of its own).
    /// </summary>
    public void Attach(MqttServer server)
    {
        _server = server;
        status.BrokerConnected = true;
    }

    /// <summary>The broker is stopping: clients are turned away and health says so.</summary>
    public void Stopped() => status.BrokerConnected = false;

    public Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var server = _server ?? throw new InvalidOperationException("The embedded broker is not running.");
        return server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = CloudSenderId }, cancellationToken);
    }

    /// <summary>True for the topics ingestion takes: those its subscription would match.</summary>
    public static bool IsIngested(string topic)
    {
        foreach (var filter in Filters)
        {
            if (MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An authorized publish from the broker's interceptor: ingested topics are taken, others routed as usual.</summary>
    public async Task TakeAsync(InterceptingPublishEventArgs e)
    {
        if (!IsIngested(e.ApplicationMessage.Topic))
        {
            // Other topics (gateway acks, station status) are routed as usual.
            return;
        }

        // Decoded before the first await: the payload's buffer belongs to the broker's receive loop.
        var message = decoder.Decode(e.ApplicationMessage, delivery: null);
        e.ProcessPublish = false;
        if (queue.TryEnqueue(message))
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(e.CancellationToken, lifetime.ApplicationStopping);
        // Waits while the queue is full. Cancelled (the connection or the host is going away), it
        // throws: the broker drops the connection without a PUBACK and the publisher sends it again.
        await queue.EnqueueAsync(message, stop.Token);
    }
}
