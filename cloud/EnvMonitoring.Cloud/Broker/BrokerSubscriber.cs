using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Protocol.Retry;
using EnvMonitoring.Protocol.Topics;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// Keeps a persistent MQTT 5 session with the cloud broker and feeds every telemetry and
/// gateway-batch message, decoded, into the <see cref="DeliveryQueue"/>. Acknowledgement is manual:
/// the <see cref="BatchWriter"/> acks a message only after InfluxDB stored it.
/// </summary>
internal sealed class BrokerSubscriber(
    IOptions<BrokerOptions> broker,
    IOptions<IngestionOptions> options,
    MessageDecoder decoder,
    DeliveryQueue queue,
    IngestionStatus status,
    TimeProvider time,
    ILogger<BrokerSubscriber> logger) : BackgroundService, ICloudPublisher
{
    /// <summary>The first reconnect; then doubling up to <see cref="IngestionOptions.ReconnectDelayMax"/>.</summary>
    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(250);

    private IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private CancellationToken _stopping;

    /// <summary>Publishes on the ingestion connection (gateway acks, calibration commands); throws when disconnected.</summary>
    public Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken) =>
        _client.PublishAsync(message, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        var backoff = new RetrySchedule(FirstReconnectDelay, options.Value.ReconnectDelayMax).Start(time);
        var stallTimeout = options.Value.StallTimeout;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await ConnectAsync(stoppingToken);
                    backoff.Reset();
                }

                await Task.Delay(stallTimeout / 2, time, stoppingToken);
                await WatchForStallAsync(stallTimeout, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                status.BrokerConnected = false;
                var delay = backoff.Next();
                IngestionLog.ConnectFailed(logger, broker.Value.Host, broker.Value.Port, delay, e);
                await backoff.WaitAsync(delay, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Our own disconnect is not a lost connection: no warning for it.
        _client.DisconnectedAsync -= OnDisconnectedAsync;
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
        }

        _client.Dispose();
    }

    /// <summary>
    /// A connection can report "connected" while nothing moves (a half-open TCP link, a wedged broker).
    /// A ping that is not answered in time replaces the client; unacknowledged messages are redelivered
    /// on the new connection because the session is persistent.
    /// </summary>
    private async Task WatchForStallAsync(TimeSpan stallTimeout, CancellationToken stoppingToken)
    {
        if (!_client.IsConnected)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(stallTimeout);
        try
        {
            await _client.PingAsync(timeout.Token);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            IngestionLog.Stalled(logger, stallTimeout, e);
            status.BrokerConnected = false;
            var stalled = _client;
            stalled.ApplicationMessageReceivedAsync -= OnMessageAsync;
            stalled.DisconnectedAsync -= OnDisconnectedAsync;
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += OnMessageAsync;
            stalled.Dispose();
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var clientOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(ConnectHost(broker.Value), broker.Value.Port)
            .WithClientId(settings.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)settings.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum((ushort)settings.ReceiveMaximum)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (!string.IsNullOrEmpty(settings.Username))
        {
            clientOptions = clientOptions.WithCredentials(settings.Username, settings.Password);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await _client.ConnectAsync(clientOptions.Build(), timeout.Token);

        var filters = new[] { Topics.AllTelemetry, Topics.AllGatewayBatches }
            .Select(f => settings.SharedSubscriptionGroup is { } group ? $"$share/{group}/{f}" : f)
            .ToArray();
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await _client.SubscribeAsync(subscribe.Build(), timeout.Token);
        status.BrokerConnected = true;
        IngestionLog.Connected(logger, broker.Value.Host, broker.Value.Port, settings.ClientId, string.Join(", ", filters));
        _client.DisconnectedAsync -= OnDisconnectedAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>An embedded broker bound to every interface is reached on loopback.</summary>
    private static string ConnectHost(BrokerOptions options) =>
        options.Embedded && options.Host is "0.0.0.0" or "::" ? "127.0.0.1" : options.Host;

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        status.BrokerConnected = false;
        IngestionLog.Disconnected(logger, e.ReasonString ?? e.Reason.ToString());
        return Task.CompletedTask;
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        try
        {
            await queue.EnqueueAsync(decoder.Decode(e.ApplicationMessage, e), _stopping);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: the message stays unacknowledged and the broker redelivers it.
        }
    }
}
