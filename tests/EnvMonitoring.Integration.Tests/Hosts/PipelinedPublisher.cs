using EnvMonitoring.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// An MQTT 5 client that publishes QoS 1 fast: many PUBACKs outstanding at once, as a busy gateway
/// or a province of stations would. Fails when the broker refuses any message.
/// </summary>
public sealed class PipelinedPublisher : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private PipelinedPublisher(IMqttClient client) => _client = client;

    /// <summary>Connects as <paramref name="identity"/> (its username and password), or anonymously when null.</summary>
    public static async Task<PipelinedPublisher> ConnectAsync(int port, string clientId, TestBrokerClient? identity = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithIdentity(identity)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build(), timeout.Token);
        return new PipelinedPublisher(client);
    }

    /// <summary>Publishes every message at QoS 1 with up to <paramref name="window"/> unacknowledged at a time.</summary>
    public async Task PublishAsync(IEnumerable<(string Topic, byte[] Payload)> messages, int window = 100)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var chunk in messages.Chunk(window))
        {
            var results = await Task.WhenAll(chunk.Select(m => _client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(m.Topic)
                .WithPayload(m.Payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build())));
            for (var i = 0; i < results.Length; i++)
            {
                if (!results[i].IsSuccess)
                {
                    throw new InvalidOperationException($"The broker refused a publish to '{chunk[i].Topic}': {results[i].ReasonCode} {results[i].ReasonString}");
                }
            }
        }
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
