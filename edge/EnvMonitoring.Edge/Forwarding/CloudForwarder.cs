using System.Buffers;
using System.Text;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Edge.Forwarding;

/// <summary>
/// Forwards queued samples to the cloud broker as numbered batches (QoS 1), re-sending a batch
/// until the broker accepts it. It listens for the cloud's application-level acks; holding a
/// batch until that ack (and re-sending after a timeout) arrives with the durable log of the edge issue.
/// </summary>
internal sealed class CloudForwarder(
    IOptions<GatewayOptions> options,
    SampleQueue queue,
    GatewayCounters counters,
    TimeProvider time,
    ILogger<CloudForwarder> logger) : BackgroundService
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly List<Sample> _batch = [];
    private long _nextBatchNumber;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Batch numbers must increase across restarts too; until the durable log keeps them, start from the clock.
        _nextBatchNumber = time.GetUtcNow().ToUnixTimeMilliseconds();
        _client.ApplicationMessageReceivedAsync += OnAckAsync;
        var settings = options.Value;
        while (await queue.WaitAsync(stoppingToken))
        {
            await FillBatchAsync(settings, stoppingToken);
            var batch = new GatewayBatch(settings.Id, _nextBatchNumber++, [.. _batch]);
            await PublishUntilAcceptedAsync(batch, stoppingToken);
            counters.Forwarded(batch.Samples.Count);
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
    }

    private async Task FillBatchAsync(GatewayOptions settings, CancellationToken cancellationToken)
    {
        _batch.Clear();
        var deadline = time.GetTimestamp() + (long)(settings.FlushInterval.TotalSeconds * time.TimestampFrequency);
        while (_batch.Count < settings.MaxBatchSamples)
        {
            if (queue.TryTake(out var sample))
            {
                _batch.Add(sample);
                continue;
            }

            var remaining = TimeSpan.FromSeconds((double)(deadline - time.GetTimestamp()) / time.TimestampFrequency);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(remaining);
            try
            {
                await queue.WaitAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task PublishUntilAcceptedAsync(GatewayBatch batch, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(Topics.GatewayBatch(settings.Park, settings.Id))
            .WithPayload(SampleCodec.EncodeBatch(batch))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await ConnectAsync(cancellationToken);
                }

                var result = await _client.PublishAsync(message, cancellationToken);
                if (result.IsSuccess)
                {
                    return;
                }

                throw new InvalidOperationException($"the cloud broker refused batch {batch.Number}: {result.ReasonCode} {result.ReasonString}");
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                GatewayLog.CloudUnreachable(logger, settings.Cloud.Host, settings.Cloud.Port, queue.Count + batch.Samples.Count, delay, e);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var statusTopic = Topics.GatewayStatus(settings.Park, settings.Id);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Cloud.Host, settings.Cloud.Port)
            .WithClientId($"envmon-gw-{settings.Id}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)TimeSpan.FromDays(1).TotalSeconds)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(statusTopic)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillPayload(Encoding.UTF8.GetBytes("""{"state":"offline"}"""));
        if (!string.IsNullOrEmpty(settings.Cloud.Username))
        {
            builder = builder.WithCredentials(settings.Cloud.Username, settings.Cloud.Password);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await _client.ConnectAsync(builder.Build(), timeout.Token);
        await _client.SubscribeAsync(Topics.GatewayAck(settings.Park, settings.Id), MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(statusTopic)
            .WithRetainFlag()
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithPayload(Encoding.UTF8.GetBytes($$"""{"state":"online","backlog":{{queue.Count}}}"""))
            .Build(), timeout.Token);
        GatewayLog.CloudConnected(logger, settings.Cloud.Host, settings.Cloud.Port);
    }

    private Task OnAckAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var payload = e.ApplicationMessage.Payload;
        ReadOnlySpan<byte> bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        if (SampleCodec.DecodeAck(bytes) is { } ack)
        {
            counters.Acknowledged(ack.Batches.Count);
        }

        return Task.CompletedTask;
    }
}
