using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>An MQTT 5 client that publishes QoS 1 and returns the broker's PUBACK result.</summary>
public sealed class MqttPublisher : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly TlsClient? _tls;

    private MqttPublisher(IMqttClient client, TlsClient? tls)
    {
        _client = client;
        _tls = tls;
    }

    /// <summary>
    /// Connects as <paramref name="identity"/> (its username and password), or anonymously when null; over TLS when
    /// <paramref name="caPath"/> is given, accepting only a certificate for 127.0.0.1 that chains to that CA.
    /// </summary>
    public static async Task<MqttPublisher> ConnectAsync(int port, string clientId, TestBrokerClient? identity = null, string? caPath = null)
    {
        var tls = TlsClient.Load(new TlsClientOptions { CaPath = caPath }, "the test CA");
        var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", port)
                .WithClientId(clientId)
                .WithIdentity(identity)
                .WithProtocolVersion(MqttProtocolVersion.V500);
            // The clients' one TLS wiring: the broker's certificate for 127.0.0.1, chaining to the test CA alone.
            options = options.WithTlsClient(tls, _ => { });

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var connected = await client.ConnectAsync(options.Build(), timeout.Token);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"the broker on port {port} refused {clientId}: {connected.ResultCode} {connected.ReasonString}");
            }

            return new MqttPublisher(client, tls);
        }
        catch
        {
            client.Dispose();
            tls?.Dispose();
            throw;
        }
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        _client.Dispose();
        _tls?.Dispose();
    }
}
