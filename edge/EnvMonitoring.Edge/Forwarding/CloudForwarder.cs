using System.Buffers;
using EnvMonitoring.Edge.Broker;
using EnvMonitoring.Edge.Log;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Retry;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Protocol.Status;
using EnvMonitoring.Protocol.Topics;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Edge.Forwarding;

/// <summary>
/// Forwards the <see cref="SampleLog"/> to the cloud as numbered batches (QoS 1). A batch leaves the
/// log only when the cloud's application-level ack says it is stored — a broker PUBACK is not
/// enough. Each session (a connection) runs two readers: live data from the log's tail with its
/// own window, and the backlog from the oldest unacknowledged sample, paced, so dashboards stay
/// live while history catches up. A lost connection or a batch unacknowledged past the timeout ends
/// the session; the next one starts again from the oldest unacknowledged sample (re-sending is
/// harmless: a reading's identity is station, parameter and time). The same connection takes the
/// park's commands from the cloud (<c>envmon/{park}/+/cmd/#</c>, persistent session, retained ones
/// as published) and hands them to the nodes through the <see cref="CommandRelay"/>.
/// </summary>
internal sealed class CloudForwarder(
    IOptions<GatewayOptions> options,
    SampleLog log,
    CommandRelay commands,
    GatewayCounters counters,
    TimeProvider time,
    ILogger<CloudForwarder> logger) : BackgroundService
{
    /// <summary>Reconnecting to the cloud: from 250 ms, doubling up to 10 s.</summary>
    private static readonly RetrySchedule ReconnectRetry = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));

    private readonly GatewayOptions _settings = options.Value;
    private readonly TlsClient? _tls = TlsClient.Load(options.Value.Cloud.Tls, "Gateway:Cloud:Tls");
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private long _nextBatchNumber;
    private Session? _session;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Batch numbers increase across restarts too: they start from the clock (in microseconds).
        _nextBatchNumber = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        var backoff = ReconnectRetry.Start(time);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await ConnectAsync(stoppingToken);
                }

                backoff.Reset();
                await RunSessionAsync(stoppingToken);
            }
            catch (MqttCommunicationException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping while a connect (or its TLS handshake) was under way: MQTTnet reports the cancellation
                // as a communication failure (MqttConnectingFailedException, or "Error while connecting host").
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                var delay = backoff.Next();
                GatewayLog.ForwardingInterrupted(logger, _settings.Cloud.Host, _settings.Cloud.Port, e.Message, log.BacklogBytes, delay, e);
                await backoff.WaitAsync(delay, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
        }

        _client.Dispose();
        _tls?.Dispose();
    }

    private async Task RunSessionAsync(CancellationToken stoppingToken)
    {
        using var end = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var liveFrom = log.CommittedUntilAddress;
        var replayFrom = log.BeginAddress;
        // The windows are plain counters (no wait handle), so they need no disposal; an ack racing the end of the session may still release one.
        var session = new Session(new BatchTracker(replayFrom, liveFrom), new SemaphoreSlim(_settings.Forwarding.Window), new SemaphoreSlim(_settings.Forwarding.ReplayWindow));
        _session = session;
        try
        {
            if (replayFrom < liveFrom)
            {
                GatewayLog.Replaying(logger, liveFrom - replayFrom, _settings.Forwarding.ReplaySamplesPerSecond);
            }

            var live = PumpAsync(session, liveFrom, long.MaxValue, replay: false, end.Token);
            var replay = PumpAsync(session, replayFrom, liveFrom, replay: true, end.Token);
            var watch = WatchAsync(session, end.Token);
            var first = await Task.WhenAny(live, watch, replay);
            if (first == replay && replay.IsCompletedSuccessfully)
            {
                session.Tracker.ReplayFinished();
                first = await Task.WhenAny(live, watch);
            }

            await end.CancelAsync();
            await first; // rethrows why the session ended
        }
        finally
        {
            _session = null;
        }
    }

    /// <summary>Reads the log from <paramref name="from"/> up to <paramref name="until"/> and sends it in batches.</summary>
    private async Task PumpAsync(Session session, long from, long until, bool replay, CancellationToken cancellationToken)
    {
        var forwarding = _settings.Forwarding;
        var window = replay ? session.ReplayWindow : session.LiveWindow;
        using var reader = log.Read(from);
        var records = new List<ReadOnlyMemory<byte>>(forwarding.MaxBatchSamples);
        while (true)
        {
            records.Clear();
            long start = -1, end = -1;
            var deadline = long.MaxValue;
            while (records.Count < forwarding.MaxBatchSamples)
            {
                if (reader.GetNext(out var record, out var length, out var address, out var next))
                {
                    if (address >= until)
                    {
                        break;
                    }

                    if (start < 0)
                    {
                        start = address;
                        deadline = time.GetTimestamp() + (long)(forwarding.FlushInterval.TotalSeconds * time.TimestampFrequency);
                    }

                    records.Add(record.AsMemory(0, length));
                    end = next;
                    if (next >= until)
                    {
                        break;
                    }

                    continue;
                }

                if (replay && log.CommittedUntilAddress >= until)
                {
                    break;
                }

                var remaining = records.Count == 0 ? Timeout.InfiniteTimeSpan : time.GetElapsedTime(time.GetTimestamp(), deadline);
                if (records.Count > 0 && remaining <= TimeSpan.Zero)
                {
                    break;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (remaining != Timeout.InfiniteTimeSpan)
                {
                    wait.CancelAfter(remaining);
                }

                try
                {
                    await reader.WaitAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }

            if (records.Count == 0)
            {
                return; // replay reached the live start
            }

            await window.WaitAsync(cancellationToken);
            var number = Interlocked.Increment(ref _nextBatchNumber);
            var payload = BatchPayload.Build(_settings.Id, number, records);
            session.Tracker.Sent(new SentBatch(number, start, end, records.Count, time.GetTimestamp(), replay));
            var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(Topics.GatewayBatch(_settings.Park, _settings.Id))
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), cancellationToken);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"the cloud broker refused batch {number}: {result.ReasonCode} {result.ReasonString}");
            }

            counters.Forwarded(records.Count);
            if (replay)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)records.Count / forwarding.ReplaySamplesPerSecond), time, cancellationToken);
            }
        }
    }

    /// <summary>Ends the session when a batch waits too long for its ack; refreshes the gateway's status meanwhile.</summary>
    private async Task WatchAsync(Session session, CancellationToken cancellationToken)
    {
        var forwarding = _settings.Forwarding;
        var nextStatus = 0L;
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
            if (!_client.IsConnected)
            {
                throw new InvalidOperationException("the connection to the cloud broker was lost");
            }

            if (session.Tracker.Oldest() is { } oldest && time.GetElapsedTime(oldest.SentAt) > forwarding.AckTimeout)
            {
                throw new TimeoutException($"batch {oldest.Number} was not acknowledged within {forwarding.AckTimeout}; re-sending from the oldest unacknowledged sample");
            }

            if (time.GetTimestamp() >= nextStatus)
            {
                await PublishStatusAsync(cancellationToken);
                nextStatus = time.GetTimestamp() + (long)(forwarding.StatusInterval.TotalSeconds * time.TimestampFrequency);
            }
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_settings.Cloud.Host, _settings.Cloud.Port)
            .WithClientId($"envmon-gw-{_settings.Id}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)TimeSpan.FromDays(1).TotalSeconds)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(Topics.GatewayStatus(_settings.Park, _settings.Id))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillPayload(GatewayStatus.LastWill.ToUtf8());
        if (!string.IsNullOrEmpty(_settings.Cloud.Username))
        {
            builder = builder.WithCredentials(_settings.Cloud.Username, _settings.Cloud.Password);
        }

        // The cloud broker's certificate must chain to the configured CA alone; a refusal says why (the connect then fails and is retried with backoff, the log kept).
        builder = builder.WithTlsClient(_tls, reason => GatewayLog.CloudCertificateRefused(logger, _settings.Cloud.Host, _settings.Cloud.Port, reason));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await _client.ConnectAsync(builder.Build(), timeout.Token);
        // Retain as published: a retained command stays retained on the node broker, for a node that connects later.
        var commandFilter = Topics.ParkCommands(_settings.Park);
        var subscribed = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(Topics.GatewayAck(_settings.Park, _settings.Id), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(f => f.WithTopic(commandFilter).WithAtLeastOnceQoS().WithRetainAsPublished())
            .Build(), timeout.Token);
        if (subscribed.Items.FirstOrDefault(i => i.TopicFilter.Topic == commandFilter) is { } item && (int)item.ResultCode >= 0x80)
        {
            GatewayLog.CommandSubscriptionRefused(logger, commandFilter, item.ResultCode.ToString());
        }

        GatewayLog.CloudConnected(logger, _settings.Cloud.Host, _settings.Cloud.Port, log.BacklogBytes);
    }

    private Task PublishStatusAsync(CancellationToken cancellationToken)
    {
        var status = GatewayStatus.Running(log.BacklogBytes, log.OldestUnsent(), counters.SamplesAccepted, counters.SamplesForwarded);
        return _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(Topics.GatewayStatus(_settings.Park, _settings.Id))
            .WithRetainFlag()
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithPayload(status.ToUtf8())
            .Build(), cancellationToken);
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e) =>
        e.ApplicationMessage.Topic == Topics.GatewayAck(_settings.Park, _settings.Id) ? OnAckAsync(e) : RelayCommandAsync(e.ApplicationMessage);

    /// <summary>A command of the park goes to the nodes as received (retained or not); anything else is logged and dropped.</summary>
    private async Task RelayCommandAsync(MqttApplicationMessage received)
    {
        var topic = received.Topic;
        if (!Topics.TryParse(topic, out var address) || address.Kind != TopicKind.CalibrationCommand || address.Park != _settings.Park)
        {
            GatewayLog.ForeignCommand(logger, topic, _settings.Park);
            return;
        }

        // A copy: the received payload belongs to the client's receive buffer.
        var payload = received.Payload.ToArray();
        try
        {
            await commands.RelayAsync(new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(received.Retain)
                .Build(), CancellationToken.None);
            GatewayLog.CommandRelayed(logger, topic, received.Retain, System.Text.Encoding.UTF8.GetString(payload));
        }
        catch (InvalidOperationException e)
        {
            GatewayLog.CommandNotRelayed(logger, topic, e);
        }
    }

    private Task OnAckAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var payload = e.ApplicationMessage.Payload;
        ReadOnlySpan<byte> bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        if (SampleCodec.DecodeAck(bytes) is not { } ack || _session is not { } session)
        {
            return Task.CompletedTask;
        }

        var released = 0;
        foreach (var number in ack.Batches)
        {
            if (session.Tracker.Acknowledged(number) is { } batch)
            {
                released++;
                (batch.Replay ? session.ReplayWindow : session.LiveWindow).Release();
            }
        }

        if (released > 0)
        {
            counters.Acknowledged(released);
            log.TruncateUntil(session.Tracker.SafeTruncationPoint());
        }

        return Task.CompletedTask;
    }

    private sealed record Session(BatchTracker Tracker, SemaphoreSlim LiveWindow, SemaphoreSlim ReplayWindow);
}
