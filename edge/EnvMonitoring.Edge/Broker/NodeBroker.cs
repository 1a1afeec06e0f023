using System.Buffers;
using System.Net;
using EnvMonitoring.Edge.Forwarding;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Topics;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EnvMonitoring.Edge.Broker;

/// <summary>
/// The park's embedded MQTT broker. A node's telemetry publish is decoded and appended to the
/// <see cref="SampleQueue"/> inside <c>InterceptingPublishAsync</c>, which completes before the
/// PUBACK goes out: the node is acknowledged only once the gateway holds the sample.
/// Publishes outside the park's topics are refused.
/// </summary>
internal sealed class NodeBroker(
    IOptions<GatewayOptions> options,
    SampleCodec codec,
    SampleQueue queue,
    GatewayCounters counters,
    ILogger<NodeBroker> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var serverOptions = new MqttServerFactory().CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(settings.Listen.Host))
            .WithDefaultEndpointPort(settings.Listen.Port)
            .WithDefaultEndpointReuseAddress()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.InterceptingPublishAsync += OnPublishAsync;
        await _server.StartAsync();
        GatewayLog.Listening(logger, settings.Id, settings.Park, settings.Listen.Host, settings.Listen.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_server is { IsStarted: true })
        {
            await _server.StopAsync(new MqttServerStopOptions());
        }
    }

    public void Dispose()
    {
        _server?.Dispose();
        _stopping.Dispose();
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (!Topics.TryParse(topic, out var address) || address.Park != options.Value.Park ||
            address.Kind is not (TopicKind.Telemetry or TopicKind.StationStatus))
        {
            Refuse(e, MqttPubAckReasonCode.NotAuthorized, $"only envmon/{options.Value.Park}/{{station}}/telemetry and …/status may be published here");
            return;
        }

        if (address.Kind == TopicKind.StationStatus)
        {
            // Retained status and last will pass through to local subscribers.
            return;
        }

        var payload = e.ApplicationMessage.Payload;
        ReadOnlySpan<byte> bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        var result = codec.DecodeSample(bytes, address.Station);
        if (result.Sample is not { } sample)
        {
            Refuse(e, MqttPubAckReasonCode.PayloadFormatInvalid, string.Join("; ", result.Rejections.Take(3)));
            return;
        }

        if (result.Rejections.Count > 0)
        {
            GatewayLog.PartlyRefused(logger, e.ClientId, topic, string.Join("; ", result.Rejections.Take(3)));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(e.CancellationToken, _stopping.Token);
        await queue.AppendAsync(sample, stop.Token);
        counters.Accepted();
        // The gateway consumed the sample; it is not routed to other local subscribers.
        e.ProcessPublish = false;
    }

    private void Refuse(InterceptingPublishEventArgs e, MqttPubAckReasonCode code, string reason)
    {
        e.ProcessPublish = false;
        e.Response.ReasonCode = code;
        e.Response.ReasonString = reason.Length > 200 ? reason[..200] : reason;
        counters.Refused();
        GatewayLog.Refused(logger, e.ClientId, e.ApplicationMessage.Topic, reason);
    }
}
