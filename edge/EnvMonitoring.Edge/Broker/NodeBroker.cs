using System.Buffers;
using System.Net;
using EnvMonitoring.Edge.Log;
using EnvMonitoring.Edge.Security;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Protocol.Topics;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EnvMonitoring.Edge.Broker;

/// <summary>
/// The park's embedded MQTT broker (plain TCP, and TLS when configured). Devices authenticate with
/// their own credentials and may publish only <c>envmon/{park}/{their station}/telemetry|status</c>;
/// only the gateway itself (<see cref="CommandRelay"/>) publishes the park's command topics, and a
/// device subscribes only to its own stations' topics.
/// A telemetry publish is decoded and durably appended to the <see cref="ISampleSink"/> inside
/// <c>InterceptingPublishAsync</c>, which completes before the PUBACK goes out: a node is
/// acknowledged only once its sample survives power loss. Refusals are logged and counted.
/// </summary>
internal sealed class NodeBroker(
    IOptions<GatewayOptions> options,
    DeviceRegistry devices,
    SampleCodec codec,
    ISampleSink sink,
    CommandRelay commands,
    GatewayCounters counters,
    TimeProvider time,
    ILogger<NodeBroker> logger) : IHostedService, IDisposable
{
    private const string DeviceKey = "envmon.device";

    private readonly ConnectThrottle _throttle = new(options.Value.ConnectFailuresPerWindow, options.Value.ConnectFailureWindow, time);
    private readonly CancellationTokenSource _stopping = new();
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var builder = new MqttServerFactory().CreateServerOptionsBuilder()
            .WithPersistentSessions(true)
            .WithMaxPendingMessagesPerClient(100_000);
        // Listen:Port 0: TLS only (./envmon run's default), no plaintext listener at all.
        builder = settings.Listen.Port > 0
            ? builder.WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(settings.Listen.Host))
                .WithDefaultEndpointPort(settings.Listen.Port)
                .WithDefaultEndpointReuseAddress()
            : builder.WithoutDefaultEndpoint();
        if (settings.Tls.Port > 0)
        {
            builder = builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Parse(settings.Listen.Host))
                .WithEncryptedEndpointPort(settings.Tls.Port)
                .WithEncryptionCertificate(new CountingCertificateProvider(settings.Tls.LoadCertificate("Gateway:Tls"), counters))
                .WithTlsEndpointReuseAddress();
        }

        _server = new MqttServerFactory().CreateMqttServer(builder.Build());
        _server.ValidatingConnectionAsync += OnConnectingAsync;
        _server.InterceptingPublishAsync += OnPublishAsync;
        _server.InterceptingSubscriptionAsync += OnSubscribingAsync;
        commands.Attach(_server);
        await _server.StartAsync();
        GatewayLog.Listening(logger, settings.Id, settings.Park, settings.Listen.Host, settings.Listen.Port, settings.Tls.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_server is { IsStarted: true })
        {
            try
            {
                await _server.StopAsync(new MqttServerStopOptions());
            }
            catch (InvalidOperationException e)
            {
                // MQTTnet 5.2's listener clean-up can race its own accept loop ("collection was modified")
                // while stopping; the listener is closed either way, so shutdown goes on.
                GatewayLog.StopRaced(logger, e);
            }
        }
    }

    public void Dispose()
    {
        _server?.Dispose();
        _stopping.Dispose();
    }

    private Task OnConnectingAsync(ValidatingConnectionEventArgs e)
    {
        if (e.IsSecureConnection)
        {
            counters.TlsHandshakeCompleted();
        }

        if (e.ClientId.StartsWith('$'))
        {
            // "$…" is the gateway's own sender (CommandRelay.SenderId): no device may take it.
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            counters.Refused(Refusal.Credentials);
            GatewayLog.ConnectRefused(logger, e.ClientId, e.UserName ?? "(none)", e.RemoteEndPoint?.ToString() ?? "?");
            return Task.CompletedTask;
        }

        if (e.UserName is null && devices.AllowAnonymous)
        {
            return Task.CompletedTask;
        }

        var source = ConnectThrottle.SourceOf(e.RemoteEndPoint);
        if (_throttle.IsBlocked(source))
        {
            // Refused before the password check: guessing from this address costs it time, not us CPU.
            e.ReasonCode = MqttConnectReasonCode.ConnectionRateExceeded;
            counters.Refused(Refusal.Throttled);
            GatewayLog.ConnectThrottled(logger, e.ClientId, e.RemoteEndPoint?.ToString() ?? "?");
            return Task.CompletedTask;
        }

        if (devices.Authenticate(e.UserName, e.Password) is { } device)
        {
            e.SessionItems[DeviceKey] = device;
            return Task.CompletedTask;
        }

        _throttle.Failed(source);
        e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        counters.Refused(Refusal.Credentials);
        GatewayLog.ConnectRefused(logger, e.ClientId, e.UserName ?? "(none)", e.RemoteEndPoint?.ToString() ?? "?");
        return Task.CompletedTask;
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var park = options.Value.Park;
        if (e.ClientId == CommandRelay.SenderId)
        {
            // The gateway's relay of the cloud's commands: its park's command topics, nothing else.
            if (!Topics.TryParse(topic, out var command) || command.Kind != TopicKind.CalibrationCommand || command.Park != park)
            {
                Refuse(e, Refusal.Topic, MqttPubAckReasonCode.NotAuthorized, $"the gateway relays only envmon/{park}/{{station}}/cmd/… to its nodes");
            }

            return;
        }

        if (!Topics.TryParse(topic, out var address) || address.Kind is not (TopicKind.Telemetry or TopicKind.StationStatus))
        {
            Refuse(e, Refusal.Topic, MqttPubAckReasonCode.TopicNameInvalid, $"only envmon/{park}/{{station}}/telemetry and …/status may be published here");
            return;
        }

        if (address.Park != park)
        {
            Refuse(e, Refusal.Park, MqttPubAckReasonCode.NotAuthorized, $"this gateway serves park {park}, not {address.Park}");
            return;
        }

        if (e.SessionItems[DeviceKey] is DeviceOptions device && !device.Stations.Contains(address.Station!, StringComparer.Ordinal))
        {
            Refuse(e, Refusal.Station, MqttPubAckReasonCode.NotAuthorized, $"device {device.Username} may not publish for station {address.Station}");
            return;
        }

        if (address.Kind == TopicKind.StationStatus)
        {
            // Retained status and last will stay on the park broker for local subscribers.
            return;
        }

        var payload = e.ApplicationMessage.Payload;
        ReadOnlySpan<byte> bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        var result = codec.DecodeSample(bytes, address.Station);
        if (result.Sample is not { } sample)
        {
            Refuse(e, Refusal.Payload, MqttPubAckReasonCode.PayloadFormatInvalid, string.Join("; ", result.Rejections.Take(3)));
            return;
        }

        if (result.Rejections.Count > 0)
        {
            GatewayLog.PartlyRefused(logger, e.ClientId, topic, string.Join("; ", result.Rejections.Take(3)));
        }

        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(e.CancellationToken, _stopping.Token);
            await sink.AppendAsync([sample], stop.Token);
        }
        catch (LogFullException full)
        {
            // Refused, not dropped: the node keeps the sample and sends it again later.
            Refuse(e, Refusal.LogFull, MqttPubAckReasonCode.QuotaExceeded, full.Message);
            return;
        }

        counters.Accepted();
        // The gateway consumed the sample; it is not routed to other local subscribers.
        e.ProcessPublish = false;
    }

    /// <summary>A node sees only its own stations' topics: no wildcards, no other station, no other park.</summary>
    private Task OnSubscribingAsync(InterceptingSubscriptionEventArgs e)
    {
        var device = e.SessionItems[DeviceKey] as DeviceOptions;
        var filter = e.TopicFilter.Topic;
        if (!DeviceRegistry.MaySubscribe(device, options.Value.Park, filter))
        {
            var reason = $"device {device?.Username} may subscribe only to its own stations' topics under envmon/{options.Value.Park}/";
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            e.ReasonString = reason;
            counters.Refused(Refusal.Subscription);
            GatewayLog.SubscribeRefused(logger, e.ClientId, filter, reason);
        }

        return Task.CompletedTask;
    }

    private void Refuse(InterceptingPublishEventArgs e, Refusal why, MqttPubAckReasonCode code, string reason)
    {
        e.ProcessPublish = false;
        e.Response.ReasonCode = code;
        e.Response.ReasonString = reason.Length > 200 ? reason[..200] : reason;
        counters.Refused(why);
        GatewayLog.Refused(logger, e.ClientId, e.ApplicationMessage.Topic, reason);
    }
}
