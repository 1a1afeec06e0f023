using System.Text;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace EnvMonitoring.Testing.Tests;

public sealed class MosquittoServerTests(MosquittoServerFixture mosquitto) : IClassFixture<MosquittoServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Published_message_reaches_a_subscriber()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        var received = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(Options(mosquitto.Server, "round-trip-sub", cleanStart: true), cancel.Token);
        await subscriber.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter("test/round-trip/#", MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            cancel.Token);
        using var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(Options(mosquitto.Server, "round-trip-pub", cleanStart: true), cancel.Token);

        await publisher.PublishAsync(Message("test/round-trip/st-1", "hello"), cancel.Token);

        var message = await received.Task.WaitAsync(cancel.Token);
        Assert.Equal("test/round-trip/st-1", message.Topic);
        Assert.Equal("hello", message.ConvertPayloadToString());
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, message.QualityOfServiceLevel);
    }

    [Fact]
    public async Task QoS1_message_is_queued_for_an_offline_persistent_session()
    {
        await AssertQueuedForOfflineSubscriberAsync(mosquitto.Server, "queued", restartWhileOffline: false);
    }

    [Fact]
    public async Task Persistent_broker_keeps_a_queued_QoS1_message_across_a_restart()
    {
        await using var broker = await MosquittoServer.StartAsync(new MosquittoOptions { Persistence = true });

        await AssertQueuedForOfflineSubscriberAsync(broker, "restart", restartWhileOffline: true);

        Assert.True(File.Exists(Path.Combine(broker.PersistenceDirectory!, "mosquitto.db")));
    }

    [Fact]
    public async Task Stopped_broker_refuses_connections_until_restarted()
    {
        await using var broker = await MosquittoServer.StartAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        using var client = new MqttClientFactory().CreateMqttClient();

        await broker.StopAsync(cancel.Token);

        Assert.False(broker.IsRunning);
        await Assert.ThrowsAnyAsync<MqttCommunicationException>(
            () => client.ConnectAsync(Options(broker, "outage", cleanStart: true), cancel.Token));
        await broker.RestartAsync(cancel.Token);
        var result = await client.ConnectAsync(Options(broker, "outage", cleanStart: true), cancel.Token);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
    }

    [Fact]
    public async Task Config_sets_the_queue_limits_from_the_options()
    {
        await using var broker = await MosquittoServer.StartAsync(
            new MosquittoOptions { MaxQueuedMessages = 5, MaxInflightMessages = 1 });

        var config = await File.ReadAllLinesAsync(broker.ConfigPath);

        Assert.Contains($"listener {broker.Port} 127.0.0.1", config);
        Assert.Contains("max_queued_messages 5", config);
        Assert.Contains("max_inflight_messages 1", config);
        Assert.Contains("persistence false", config);
        Assert.Contains("max_queued_messages 0", await File.ReadAllLinesAsync(mosquitto.Server.ConfigPath));
    }

    [Fact]
    public async Task Dispose_ends_the_process_and_removes_the_temp_directory()
    {
        await using var broker = await MosquittoServer.StartAsync(new MosquittoOptions { Persistence = true });
        var directory = broker.DataDirectory;
        var pid = broker.ProcessId!.Value;

        await broker.DisposeAsync();

        Assert.False(Directory.Exists(directory));
        Assert.False(InfluxServerTests.ProcessIsAlive(pid));
    }

    private static async Task AssertQueuedForOfflineSubscriberAsync(
        MosquittoServer broker, string name, bool restartWhileOffline)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        var topic = $"test/{name}/st-1";
        var subscriberId = $"{name}-persistent-sub";

        using (var first = new MqttClientFactory().CreateMqttClient())
        {
            // Clean start off from the first connection on: mosquitto 2.0.11 writes to its
            // persistence file only sessions whose last CONNECT had clean start off, so an MQTT 5
            // session opened with clean start on (even with an expiry interval) is lost on restart.
            await first.ConnectAsync(Options(broker, subscriberId, cleanStart: false), cancel.Token);
            await first.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                cancel.Token);
            await first.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancel.Token);
        }

        using (var publisher = new MqttClientFactory().CreateMqttClient())
        {
            await publisher.ConnectAsync(Options(broker, $"{name}-pub", cleanStart: true), cancel.Token);
            await publisher.PublishAsync(Message(topic, "while-offline"), cancel.Token);
            await publisher.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancel.Token);
        }

        if (restartWhileOffline)
        {
            await broker.RestartAsync(cancel.Token);
        }

        var received = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var again = new MqttClientFactory().CreateMqttClient();
        again.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        var result = await again.ConnectAsync(Options(broker, subscriberId, cleanStart: false), cancel.Token);

        Assert.True(result.IsSessionPresent, $"the broker should have kept the session. Broker output:\n{broker.OutputTail}");
        var message = await received.Task.WaitAsync(cancel.Token);
        Assert.Equal(topic, message.Topic);
        Assert.Equal("while-offline", message.ConvertPayloadToString());
    }

    private static MqttClientOptions Options(MosquittoServer broker, string clientId, bool cleanStart) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(clientId)
            .WithCleanStart(cleanStart)
            // MQTT 5: a session outlives the connection only with a non-zero expiry interval.
            .WithSessionExpiryInterval(300)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();

    private static MqttApplicationMessage Message(string topic, string payload) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
}
