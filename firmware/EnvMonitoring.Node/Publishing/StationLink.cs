using System.Buffers;
using EnvMonitoring.Node.Outbox;
using EnvMonitoring.Node.Sampling;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Commands;
using EnvMonitoring.Protocol.Retry;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Protocol.Status;
using EnvMonitoring.Protocol.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Node.Publishing;

/// <summary>
/// One station's MQTT connection to the park gateway (its own identity, retained status and last
/// will): sends the station's outbox oldest first, one QoS 1 sample at a time, and takes a sample
/// out only when the gateway acknowledged it — or refused it for good (<c>PayloadFormatInvalid</c>,
/// <c>NotAuthorized</c>, <c>TopicNameInvalid</c>: sending it again would not change that). A full
/// gateway (<c>QuotaExceeded</c>), another refusal or a lost connection leaves the sample first in
/// line and retries with backoff. Also receives the station's calibration commands.
/// </summary>
internal sealed class StationLink(
    string station,
    NodeOptions settings,
    TlsClient? tls,
    SampleOutbox outbox,
    CalibrationModes calibration,
    ILinkSchedule links,
    NodeMetrics metrics,
    TimeProvider time,
    ILogger logger) : IDisposable
{
    /// <summary>The first retry after a failed connect or send; then doubling up to <see cref="GatewayEndpoint.MaxRetryDelay"/>.</summary>
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(1);

    private IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly string _telemetryTopic = Topics.Telemetry(settings.Park, station);
    private readonly string _statusTopic = Topics.StationStatus(settings.Park, station);
    private readonly string _commandTopic = Topics.CalibrationCommand(settings.Park, station);
    private readonly Backoff _backoff = new RetrySchedule(FirstRetryDelay, settings.Gateway.MaxRetryDelay).Start(time);
    private DateTimeOffset? _unreachableSince;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        await Task.Yield();
        try
        {
            while (true)
            {
                stoppingToken.ThrowIfCancellationRequested();
                if (links.State(station, time.GetUtcNow()) is var state and not LinkState.Online)
                {
                    await StayOfflineAsync(state, stoppingToken);
                    continue;
                }

                if (!_client.IsConnected && !await TryConnectAsync(stoppingToken))
                {
                    await BackOffAsync(stoppingToken);
                    continue;
                }

                // Wake up now and then even without samples: a dropped connection or a scripted outage is noticed.
                if (await outbox.WaitAsync(IdleCheck, time, stoppingToken) && outbox.TryPeek(out var entry) && !await TrySendAsync(entry, stoppingToken))
                {
                    await BackOffAsync(stoppingToken);
                }
            }
        }
        catch (Exception e) when (stoppingToken.IsCancellationRequested && e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Stopping: a publish or connect cut short by the stop (MQTTnet may report it as a
            // communication time-out rather than a cancellation) is not a failure of the link.
            await SignOffAsync();
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>False when the sample is still first in line and the next try should wait.</summary>
    private async Task<bool> TrySendAsync(OutboxEntry entry, CancellationToken stoppingToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(_telemetryTopic)
            .WithPayload(new ReadOnlySequence<byte>(entry.Payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        MqttClientPublishResult result;
        var started = time.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(NetworkTimeout);
            result = await _client.PublishAsync(message, timeout.Token);
            metrics.Published(station, time.GetElapsedTime(started));
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            Unreachable(e);
            return false;
        }

        if (result.IsSuccess)
        {
            outbox.Remove(entry.Seq, delivered: true);
            Reachable();
            return true;
        }

        var reason = result.ReasonString ?? "";
        switch (result.ReasonCode)
        {
            case MqttClientPublishReasonCode.PayloadFormatInvalid or MqttClientPublishReasonCode.NotAuthorized or MqttClientPublishReasonCode.TopicNameInvalid:
                NodeLog.Refused(logger, station, entry.Seq, result.ReasonCode.ToString(), reason);
                outbox.Remove(entry.Seq, delivered: false);
                return true;
            case MqttClientPublishReasonCode.QuotaExceeded:
                // The gateway's backlog is at its cap: it refuses rather than drops, and so do we.
                NodeLog.GatewayFull(logger, station, entry.Seq, outbox.Count, reason);
                return false;
            default:
                NodeLog.NotAccepted(logger, station, entry.Seq, result.ReasonCode.ToString(), reason);
                return false;
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken stoppingToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Gateway.Host, settings.Gateway.Port)
            .WithClientId($"envmon-node-{station}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(_statusTopic)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillPayload(NodeStatus.LastWill(NodeVersion.Firmware).ToUtf8());
        if (!string.IsNullOrEmpty(settings.Gateway.Username))
        {
            builder = builder.WithCredentials(settings.Gateway.Username, settings.Gateway.Password);
        }

        // The gateway's certificate must chain to the configured CA alone; a refusal says why, and the link retries with backoff.
        builder = builder.WithTlsClient(tls, reason => NodeLog.GatewayCertificateRefused(logger, station, settings.Gateway.Host, settings.Gateway.Port, reason));

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(NetworkTimeout);
            await _client.ConnectAsync(builder.Build(), timeout.Token);
            await PublishStatusAsync(StatusState.Online, timeout.Token);
            var subscription = await _client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_commandTopic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
            if (subscription.Items.FirstOrDefault() is { } item && (int)item.ResultCode >= 0x80)
            {
                NodeLog.SubscribeRefused(logger, station, _commandTopic, item.ResultCode.ToString());
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            Unreachable(e);
            return false;
        }

        Reachable();
        return true;
    }

    private void Reachable()
    {
        if (_unreachableSince is { } since)
        {
            NodeLog.GatewayReachable(logger, station, settings.Gateway.Host, settings.Gateway.Port, time.GetUtcNow() - since, outbox.Count);
            _unreachableSince = null;
        }

        _backoff.Reset();
    }

    private void Unreachable(Exception e)
    {
        if (_unreachableSince is null)
        {
            _unreachableSince = time.GetUtcNow();
            NodeLog.GatewayUnreachable(logger, station, settings.Gateway.Host, settings.Gateway.Port, outbox.Count, e);
        }
        else
        {
            NodeLog.StillUnreachable(logger, station, _backoff.Upcoming, e.Message);
        }
    }

    private async Task BackOffAsync(CancellationToken stoppingToken)
    {
        await _backoff.WaitNextAsync(stoppingToken);
    }

    /// <summary>
    /// A scripted outage: the connection drops without a DISCONNECT, as when the network goes, so the
    /// gateway publishes the last will; then wait it out.
    /// </summary>
    private async Task StayOfflineAsync(LinkState state, CancellationToken stoppingToken)
    {
        if (state == LinkState.PoweredOff)
        {
            NodeLog.PoweredOff(logger, station);
        }
        else
        {
            NodeLog.LinkDown(logger, station);
        }

        _client.ApplicationMessageReceivedAsync -= OnMessageAsync;
        _client.Dispose();
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;

        while (links.State(station, time.GetUtcNow()) != LinkState.Online)
        {
            await Task.Delay(IdleCheck, time, stoppingToken);
        }

        NodeLog.LinkUp(logger, station, outbox.Count);
    }

    private async Task SignOffAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await PublishStatusAsync(StatusState.Offline, timeout.Token);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Going down anyway; the gateway publishes the last will instead.
            NodeLog.StillUnreachable(logger, station, TimeSpan.Zero, e.Message);
        }
    }

    private Task PublishStatusAsync(string state, CancellationToken cancellationToken) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(_statusTopic)
            .WithRetainFlag()
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithPayload(NodeStatus.At(state, NodeVersion.Firmware, time.GetUtcNow()).ToUtf8())
            .Build(), cancellationToken);

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (e.ApplicationMessage.Topic != _commandTopic)
        {
            return Task.CompletedTask;
        }

        var payload = e.ApplicationMessage.Payload;
        var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        if (!CalibrationCommand.TryParse(bytes, ParameterCatalog.Default, out var command, out var problem))
        {
            NodeLog.CommandRefused(logger, station, _commandTopic, problem);
            return Task.CompletedTask;
        }

        var parameters = command!.Parameters.Count == 0 ? "all" : string.Join(",", command.Parameters);
        if (command.Active)
        {
            var now = time.GetUtcNow();
            var until = command.EndsAt(now, settings.Calibration.DefaultDuration, settings.Calibration.MaxDuration);
            calibration.Begin(station, command.Parameters, until);
            NodeLog.CalibrationBegun(logger, station, parameters, until);
        }
        else
        {
            calibration.End(station, command.Parameters);
            NodeLog.CalibrationEnded(logger, station, parameters);
        }

        return Task.CompletedTask;
    }
}
