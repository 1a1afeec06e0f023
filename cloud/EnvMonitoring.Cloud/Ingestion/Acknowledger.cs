using EnvMonitoring.Cloud.Quarantine;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Acknowledges a stored batch's messages: first makes its quarantine entries durable, then tells
/// each gateway which of its batches are stored (<c>envmon/{park}/_gw/{gateway}/ack</c>), then
/// PUBACKs each message to the broker in the order received (messages taken inside the embedded
/// broker were acknowledged to their publisher when they entered the bounded queue).
/// </summary>
internal sealed class Acknowledger(ICloudPublisher channel, QuarantineStore quarantine, ILogger<Acknowledger> logger)
{
    /// <summary>How the full names of MQTTnet's types begin.</summary>
    private static readonly string MqttNamespace = typeof(MqttClientFactory).Namespace + ".";

    private readonly Dictionary<(string Park, string Gateway), List<long>> _gatewayAcks = [];

    public async Task AcknowledgeAsync(WriteBatch batch, CancellationToken cancellationToken)
    {
        quarantine.Sync();
        foreach (var message in batch.Messages)
        {
            if (message is { Gateway: { } gateway, Park: { } park, BatchNumber: { } number })
            {
                if (!_gatewayAcks.TryGetValue((park, gateway), out var numbers))
                {
                    _gatewayAcks[(park, gateway)] = numbers = [];
                }

                numbers.Add(number);
            }
        }

        // Gateways first: were we to crash between the two steps, a batch PUBACKed to the broker but
        // never acknowledged to its gateway would wait for the gateway's ack timeout to be re-sent.
        foreach (var ((park, gateway), numbers) in _gatewayAcks)
        {
            if (numbers.Count > 0)
            {
                await PublishGatewayAckAsync(park, gateway, numbers, cancellationToken);
                numbers.Clear();
            }
        }

        foreach (var message in batch.Messages)
        {
            if (message.Delivery is not { } delivery)
            {
                continue;
            }

            try
            {
                await delivery.AcknowledgeAsync(cancellationToken);
            }
            catch (Exception e) when (SessionClosed(e))
            {
                IngestionLog.AckAfterClose(logger, message.Topic);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                IngestionLog.AckFailed(logger, message.Topic, e);
            }
        }
    }

    /// <summary>
    /// An ack through a client whose connection is closing or closed: MQTTnet 5 says so with a
    /// <see cref="MQTTnet.Exceptions.MqttCommunicationException"/> (not connected, the TCP connection
    /// closed) or, once the connection is torn down, with a <see cref="NullReferenceException"/> from
    /// inside its send or an <see cref="ObjectDisposedException"/> naming one of its objects (it throws
    /// that one through <see cref="ObjectDisposedException.ThrowIf(bool, Type)"/>, so the frame that
    /// throws is the runtime's, not MQTTnet's).
    /// </summary>
    internal static bool SessionClosed(Exception e) => e switch
    {
        MQTTnet.Exceptions.MqttCommunicationException => true,
        ObjectDisposedException { ObjectName: { } name } => name.StartsWith(MqttNamespace, StringComparison.Ordinal),
        NullReferenceException => e.TargetSite?.DeclaringType?.Assembly == typeof(MqttClientFactory).Assembly,
        _ => false,
    };

    private async Task PublishGatewayAckAsync(string park, string gateway, List<long> numbers, CancellationToken cancellationToken)
    {
        var ack = new MqttApplicationMessageBuilder()
            .WithTopic(Topics.GatewayAck(park, gateway))
            .WithPayload(SampleCodec.EncodeAck(new GatewayAck([.. numbers])))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            await channel.PublishAsync(ack, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The gateway re-sends an unacknowledged batch; the rewrite overwrites the same points.
            IngestionLog.AckFailed(logger, ack.Topic, e);
        }
    }
}
