using System.Collections.Concurrent;
using System.Net;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EnvMonitoring.Node.Tests.Support;

/// <summary>
/// A real MQTT 5 broker (MQTTnet) in process on a fixed free port, standing in for the park
/// gateway: records each telemetry publish with the PUBACK it got, can refuse publishes with a
/// reason code the way the gateway does, can be stopped and started again on the same port, and
/// injects operator commands.
/// </summary>
internal sealed class TestBroker : IAsyncDisposable
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private MqttServer? _server;

    private TestBroker(int port) => Port = port;

    public int Port { get; }

    public bool IsRunning => _server is { IsStarted: true };

    /// <summary>Decides the PUBACK of a telemetry publish; null accepts it.</summary>
    public Func<Sample, MqttPubAckReasonCode?> Decide { get; set; } = _ => null;

    /// <summary>Every telemetry publish, in arrival order, with how it was answered.</summary>
    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    /// <summary>The samples acknowledged with success, in arrival order.</summary>
    public IReadOnlyList<Sample> Accepted => [.. _deliveries.Where(d => d.Reason == MqttPubAckReasonCode.Success).Select(d => d.Sample)];

    public static async Task<TestBroker> StartAsync()
    {
        var broker = new TestBroker(FreePort.Next());
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>A broker that will listen on a free port, but not yet: the gateway is down when the node starts.</summary>
    public static TestBroker NotYetStarted() => new(FreePort.Next());

    public async Task StartAgainAsync()
    {
        var options = new MqttServerFactory().CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(Port)
            .WithDefaultEndpointReuseAddress()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(options);
        _server.InterceptingPublishAsync += OnPublishAsync;
        await _server.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.StopAsync();
            server.Dispose();
        }
    }

    /// <summary>Publishes as an operator would (e.g. a calibration command).</summary>
    public Task PublishAsync(string topic, string payload, bool retain = false) =>
        _server!.InjectApplicationMessage(
            new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithRetainFlag(retain)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build())
            { SenderClientId = "operator" },
            CancellationToken.None);

    /// <summary>The retained payload of a topic (a node's status, or its last will), or null.</summary>
    public async Task<string?> RetainedAsync(string topic)
    {
        var message = await _server!.GetRetainedMessageAsync(topic);
        return message is null ? null : System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(message.Payload));
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var payload = System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload);
        if (!topic.EndsWith("/telemetry", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        var decoded = SampleCodec.Default.DecodeSample(payload);
        Assert.True(decoded.IsAccepted && decoded.Rejections.Count == 0, $"the node published a sample the contract refuses: {string.Join("; ", decoded.Rejections)}");
        var reason = Decide(decoded.Sample!) ?? MqttPubAckReasonCode.Success;
        if (reason != MqttPubAckReasonCode.Success)
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = reason;
            e.Response.ReasonString = $"test broker says {reason}";
        }

        _deliveries.Enqueue(new Delivery(topic, decoded.Sample!, reason, DateTimeOffset.UtcNow));
        return Task.CompletedTask;
    }

    internal sealed record Delivery(string Topic, Sample Sample, MqttPubAckReasonCode Reason, DateTimeOffset Arrived);
}
