using System.Buffers;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Drains the <see cref="DeliveryQueue"/> into InfluxDB in batches (by line count and time), then
/// acknowledges each message to the broker and each gateway batch to its gateway. Nothing is
/// acknowledged before InfluxDB answered 204 (or refused the lines, which are then quarantined).
/// </summary>
internal sealed class BatchWriter(
    DeliveryQueue queue,
    InfluxClient influx,
    BrokerSubscriber subscriber,
    Quarantine quarantine,
    IngestionStatus status,
    IOptions<IngestionOptions> options,
    IOptions<InfluxOptions> influxOptions,
    TimeProvider time,
    ILogger<BatchWriter> logger) : BackgroundService
{
    private readonly ArrayBufferWriter<byte> _lines = new(1 << 20);
    private readonly List<IngestedMessage> _pending = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await EnsureDatabaseAsync(stoppingToken);
        var settings = options.Value;
        while (await queue.WaitAsync(stoppingToken))
        {
            var lineCount = await FillBatchAsync(settings, stoppingToken);
            if (lineCount > 0)
            {
                await WriteAsync(lineCount, stoppingToken);
            }

            await AcknowledgeAsync(stoppingToken);
        }
    }

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await influx.EnsureDatabaseAsync(cancellationToken);
                status.InfluxReady = true;
                return;
            }
            catch (InfluxException e)
            {
                IngestionLog.InfluxNotReady(logger, influxOptions.Value.Url, e.Message, delay);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    /// <summary>Takes messages until the batch is full or the flush interval since the first one has passed.</summary>
    private async Task<int> FillBatchAsync(IngestionOptions settings, CancellationToken cancellationToken)
    {
        _lines.Clear();
        _pending.Clear();
        var lineCount = 0;
        var deadline = time.GetTimestamp() + (long)(settings.FlushInterval.TotalSeconds * time.TimestampFrequency);
        while (lineCount < settings.MaxBatchLines)
        {
            if (queue.TryDequeue(out var message))
            {
                _pending.Add(message);
                lineCount += Encode(message);
                continue;
            }

            var remaining = TimeSpan.FromSeconds((double)(deadline - time.GetTimestamp()) / time.TimestampFrequency);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(remaining);
            try
            {
                await queue.WaitAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        return lineCount;
    }

    private int Encode(IngestedMessage message)
    {
        if (message.Rejections.Count > 0)
        {
            quarantine.Add(message.Topic, message.Rejections);
            IngestionLog.Rejected(logger, message.Rejections.Count, message.Topic, message.Rejections[0].ToString());
        }

        foreach (var sample in message.Samples)
        {
            LineProtocol.WriteSample(_lines, message.Park!, sample);
        }

        return message.Samples.Count;
    }

    private async Task WriteAsync(int lineCount, CancellationToken cancellationToken)
    {
        var attempt = 0;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var result = await influx.WriteAsync(_lines.WrittenMemory, cancellationToken);
            switch (result.Outcome)
            {
                case InfluxWriteOutcome.Written:
                    status.InfluxReady = true;
                    status.RecordWrite(lineCount, time.GetUtcNow());
                    return;
                case InfluxWriteOutcome.Rejected:
                    // InfluxDB 1.x writes the good lines of a partial write and names what it dropped.
                    IngestionLog.WriteRejected(logger, (int?)result.Status, result.Error);
                    quarantine.Add("influxdb:/write", Quarantine.RefusedByStorage, "$", result.Error ?? "refused by InfluxDB");
                    return;
                default:
                    status.InfluxReady = false;
                    attempt++;
                    var jittered = delay * (0.5 + Random.Shared.NextDouble());
                    IngestionLog.WriteRetry(logger, lineCount, result.Error, attempt, jittered);
                    await Task.Delay(jittered, time, cancellationToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
                    break;
            }
        }
    }

    private async Task AcknowledgeAsync(CancellationToken cancellationToken)
    {
        Dictionary<(string Park, string Gateway), List<long>>? gatewayAcks = null;
        foreach (var message in _pending)
        {
            try
            {
                await message.Delivery.AcknowledgeAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                IngestionLog.AckFailed(logger, message.Topic, e);
            }

            if (message is { Gateway: { } gateway, Park: { } park, BatchNumber: { } number })
            {
                gatewayAcks ??= [];
                if (!gatewayAcks.TryGetValue((park, gateway), out var numbers))
                {
                    gatewayAcks[(park, gateway)] = numbers = [];
                }

                numbers.Add(number);
            }
        }

        if (gatewayAcks is null)
        {
            return;
        }

        foreach (var ((park, gateway), numbers) in gatewayAcks)
        {
            var ack = new MqttApplicationMessageBuilder()
                .WithTopic(Topics.GatewayAck(park, gateway))
                .WithPayload(SampleCodec.EncodeAck(new GatewayAck(numbers)))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            try
            {
                await subscriber.PublishAsync(ack, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The gateway re-sends an unacknowledged batch; the rewrite overwrites the same points.
                IngestionLog.AckFailed(logger, ack.Topic, e);
            }
        }
    }
}
