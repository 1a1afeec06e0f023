using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Protocol.Retry;
using EnvMonitoring.Protocol.Security;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// One persistent MQTT 5 session with the cloud broker under one client id: connects (and reconnects,
/// backing off), subscribes its filters, and feeds every message, decoded, into the
/// <see cref="DeliveryQueue"/>. Acknowledgement is manual: the <see cref="BatchWriter"/> acks a message
/// only after InfluxDB stored it. A session with no filters only publishes. With <c>Ingestion:Tls</c>
/// the connection is TLS, the broker's certificate checked against that CA and <c>Broker:Host</c>.
/// </summary>
internal sealed class BrokerSession(
    string clientId,
    IReadOnlyList<string> filters,
    bool reportsStatus,
    BrokerOptions broker,
    IngestionOptions settings,
    IngestionTls tls,
    MessageDecoder decoder,
    DeliveryQueue queue,
    IngestionStatus status,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>The first reconnect; then doubling up to <see cref="IngestionOptions.ReconnectDelayMax"/>.</summary>
    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(250);

    private IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private CancellationToken _stopping;

    public string ClientId => clientId;

    public bool IsConnected => _client.IsConnected;

    /// <summary>Publishes on this session's connection; throws when disconnected.</summary>
    public Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken) =>
        _client.PublishAsync(message, cancellationToken);

    /// <summary>Keeps the session until <paramref name="stoppingToken"/> fires, then disconnects (unacknowledged messages stay with the broker).</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        try
        {
            await KeepAsync(stoppingToken);
        }
        finally
        {
            await CloseAsync();
        }
    }

    private async Task KeepAsync(CancellationToken stoppingToken)
    {
        var backoff = new RetrySchedule(FirstReconnectDelay, settings.ReconnectDelayMax).Start(time);
        var stallTimeout = settings.StallTimeout;
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
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: a connect cut short fails with MQTTnet's own exception, not a cancellation.
                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Connected(false);
                var delay = backoff.Next();
                IngestionLog.ConnectFailed(logger, broker.Host, broker.Port, delay, e);
                await backoff.WaitAsync(delay, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Disconnects, keeping the message handler attached to the end: MQTTnet acknowledges a message
    /// that arrives while a client has no handler, which would lose it (the broker forgets it, nothing
    /// stored it). <see cref="OnMessageAsync"/> leaves such late messages unacknowledged instead.
    /// </summary>
    private async Task CloseAsync()
    {
        // Our own disconnect is not a lost connection: no warning for it.
        _client.DisconnectedAsync -= OnDisconnectedAsync;
        if (_client.IsConnected)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
            {
                IngestionLog.Disconnected(logger, $"{clientId}: {e.Message}");
            }
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
            Connected(false);
            // The stalled client keeps its message handler until disposed (see CloseAsync): what it
            // still hands over is stored and its ack fails, so the broker redelivers it.
            var stalled = _client;
            stalled.DisconnectedAsync -= OnDisconnectedAsync;
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += OnMessageAsync;
            stalled.Dispose();
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var clientOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(ConnectHost(broker), broker.Port)
            .WithClientId(clientId)
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

        // A refused certificate fails the connect, which is retried with backoff like any other.
        clientOptions = clientOptions.WithTlsClient(tls.Client, reason => IngestionLog.BrokerCertificateRefused(logger, broker.Host, broker.Port, reason));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await _client.ConnectAsync(clientOptions.Build(), timeout.Token);

        if (filters.Count > 0)
        {
            var subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (var filter in filters)
            {
                subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            await _client.SubscribeAsync(subscribe.Build(), timeout.Token);
        }

        Connected(true);
        IngestionLog.Connected(logger, broker.Host, broker.Port, clientId, string.Join(", ", filters));
        _client.DisconnectedAsync -= OnDisconnectedAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>An embedded broker bound to every interface is reached on loopback.</summary>
    private static string ConnectHost(BrokerOptions options) =>
        options.Embedded && options.Host is "0.0.0.0" or "::" ? "127.0.0.1" : options.Host;

    private void Connected(bool connected)
    {
        if (reportsStatus)
        {
            status.BrokerConnected = connected;
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        Connected(false);
        IngestionLog.Disconnected(logger, e.ReasonString ?? e.Reason.ToString());
        return Task.CompletedTask;
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        if (_stopping.IsCancellationRequested)
        {
            // Closing (the park changes hands, or the host stops): left unacknowledged, the broker
            // keeps it for whoever resumes the session.
            return;
        }

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
