using System.Buffers;
using System.Collections.Concurrent;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// Listens, as a gateway does, for the cloud's application-level acks
/// (<c>envmon/{park}/_gw/{gateway}/ack</c>) and collects the batch numbers they name.
/// </summary>
public sealed class GatewayAckListener : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentDictionary<long, int> _acks = new();

    private GatewayAckListener(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var ack = SampleCodec.DecodeAck(e.ApplicationMessage.Payload.ToArray());
            foreach (var number in ack?.Batches ?? [])
            {
                _acks.AddOrUpdate(number, 1, (_, count) => count + 1);
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Batch numbers acknowledged so far (a batch redelivered after a crash may be acknowledged twice).</summary>
    public IReadOnlyCollection<long> Acknowledged => [.. _acks.Keys];

    /// <summary>Subscribes to the gateway's acks, as <paramref name="identity"/> with <paramref name="clientId"/> or anonymously when null.</summary>
    public static async Task<GatewayAckListener> StartAsync(int port, string park, string gateway, TestBrokerClient? identity = null, string? clientId = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var listener = new GatewayAckListener(client);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? $"{gateway}-acks-{Guid.NewGuid():N}")
            .WithIdentity(identity)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .Build(), timeout.Token);
        await client.SubscribeAsync(Topics.GatewayAck(park, gateway), MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        _client.Dispose();
    }
}
