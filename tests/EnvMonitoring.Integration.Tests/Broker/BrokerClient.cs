using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Integration.Tests.Broker;

/// <summary>A raw MQTT 5 client for attack tests: returns the broker's reason codes instead of failing on them.</summary>
internal static class BrokerClient
{
    /// <summary>Connects, or returns the refusal's result code (the client is then disposed).</summary>
    public static async Task<(IMqttClient? Client, MqttClientConnectResultCode Code)> ConnectAsync(int port, string clientId, TestBrokerClient? identity, string? password = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(60));
        options = password is not null && identity is not null ? options.WithCredentials(identity.Username, password) : options.WithIdentity(identity);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var result = await client.ConnectAsync(options.Build(), timeout.Token);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                return (client, result.ResultCode);
            }

            client.Dispose();
            return (null, result.ResultCode);
        }
        catch (MqttConnectingFailedException e)
        {
            // MQTTnet 5.2 names the CONNACK's reason code only in the message.
            client.Dispose();
            var named = Enum.GetValues<MqttClientConnectResultCode>().Where(c => e.Message.Contains($"{c}", StringComparison.Ordinal));
            return (null, named.OrderByDescending(c => c.ToString().Length).FirstOrDefault(MqttClientConnectResultCode.UnspecifiedError));
        }
    }

    public static async Task<IMqttClient> ConnectedAsync(int port, string clientId, TestBrokerClient identity)
    {
        var (client, code) = await ConnectAsync(port, clientId, identity);
        Assert.True(client is not null, $"{identity.Username} could not connect: {code}");
        return client;
    }

    public static async Task<MqttClientPublishReasonCode> PublishAsync(IMqttClient client, string topic, byte[] payload, bool retain = false)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), timeout.Token);
        return result.ReasonCode;
    }

    public static async Task<MqttClientSubscribeResultCode> SubscribeAsync(IMqttClient client, string filter)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        return Assert.Single(result.Items).ResultCode;
    }
}
