using System.Threading.Channels;
using EnvMonitoring.Cloud.Quarantine;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Retry;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Drains the <see cref="DeliveryQueue"/> into InfluxDB: fills a batch (by line count and time),
/// hands it to the <see cref="BatchStore"/> with up to <see cref="IngestionOptions.MaxWritesInFlight"/>
/// writes under way, and acknowledges batches strictly in the order they were filled, each only
/// once it is stored. On shutdown it stops taking messages and gives in-flight writes a moment to
/// finish; whatever is not acknowledged then is redelivered by the broker.
/// </summary>
internal sealed class BatchWriter(
    DeliveryQueue queue,
    BatchStore store,
    AppendOnlyGuard guard,
    Acknowledger acknowledger,
    StoredSampleFeed storedFeed,
    InfluxClient influx,
    QuarantineStore quarantine,
    IngestionStatus status,
    IngestionMetrics metrics,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<BatchWriter> logger) : BackgroundService
{
    /// <summary>Creating the database at start-up waits for InfluxDB: from 250 ms to 5 s.</summary>
    private static readonly RetrySchedule StartRetry = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));

    private readonly IngestionOptions _settings = options.Value;
    private readonly Channel<WriteBatch> _free = Channel.CreateUnbounded<WriteBatch>();
    private readonly Channel<WriteBatch> _toAcknowledge = Channel.CreateUnbounded<WriteBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _writes = new();
    private readonly SemaphoreSlim _writeSlots = new(options.Value.MaxWritesInFlight);
    private int _inFlight;
    private long _filled;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One batch filling, MaxWritesInFlight being written, one being acknowledged.
        for (var i = 0; i < _settings.MaxWritesInFlight + 2; i++)
        {
            _free.Writer.TryWrite(new WriteBatch());
        }

        await EnsureDatabaseAsync(stoppingToken);
        await guard.SeedAsync(stoppingToken);
        var acknowledging = AcknowledgeInOrderAsync();
        // Every write started is awaited before this method returns, so none outlives the writer (or its semaphore).
        var writes = new List<Task>(_settings.MaxWritesInFlight + 1);
        try
        {
            while (await queue.WaitAsync(stoppingToken))
            {
                var batch = await _free.Reader.ReadAsync(stoppingToken);
                await FillAsync(batch, stoppingToken);
                await _writeSlots.WaitAsync(stoppingToken);
                // From here to the start of the write nothing awaits, so a queued batch is always being stored.
                _toAcknowledge.Writer.TryWrite(batch);
                metrics.WritesInFlight = Interlocked.Increment(ref _inFlight);
                // Finished writes are dropped; one that faulted stays in the list and is reported below.
                writes.RemoveAll(w => w.IsCompletedSuccessfully);
                writes.Add(StoreAsync(batch));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            IngestionLog.Draining(logger, Volatile.Read(ref _inFlight), _settings.DrainTimeout);
        }
        finally
        {
            _toAcknowledge.Writer.TryComplete();
            _writes.CancelAfter(_settings.DrainTimeout);
            try
            {
                await Task.WhenAll(writes);
            }
            catch (Exception e)
            {
                IngestionLog.WriteTaskFailed(logger, e);
            }

            await acknowledging;
        }
    }

    public override void Dispose()
    {
        _writes.Dispose();
        _writeSlots.Dispose();
        base.Dispose();
    }

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        var backoff = StartRetry.Start(time);
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
                IngestionLog.InfluxNotReady(logger, e.Message);
                await backoff.WaitNextAsync(cancellationToken);
            }
        }
    }

    /// <summary>Takes messages until the batch is full or the flush interval since the first one has passed.</summary>
    private async Task FillAsync(WriteBatch batch, CancellationToken cancellationToken)
    {
        batch.Reset(++_filled);
        var deadline = time.GetTimestamp() + (long)(_settings.FlushInterval.TotalSeconds * time.TimestampFrequency);
        while (batch.LineCount < _settings.MaxBatchLines)
        {
            if (queue.TryDequeue(out var message))
            {
                await AddAsync(batch, message, cancellationToken);
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

    private ValueTask AddAsync(WriteBatch batch, IngestedMessage message, CancellationToken cancellationToken)
    {
        metrics.Received(message.Samples.Count);
        if (message.Rejections.Count > 0)
        {
            quarantine.Add(message.Topic, message.Rejections, message.RejectedPayload, message.PayloadBytes);
            IngestionLog.Rejected(logger, message.Rejections.Count, message.Topic, message.Rejections[0].ToString());
        }

        // The append-only check writes the lines: those of samples that would rewrite stored ones are left out.
        return guard.AddAsync(batch, message, cancellationToken);
    }

    /// <summary>Stores a batch and frees its write slot; the outcome goes to <see cref="WriteBatch.Stored"/>, where the acknowledging loop logs a failure.</summary>
    private async Task StoreAsync(WriteBatch batch)
    {
        try
        {
            await store.StoreAsync(batch, _writes.Token);
            batch.Stored.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            batch.Stored.TrySetCanceled();
        }
        catch (Exception e)
        {
            // Unexpected: the batch stays unacknowledged (the broker redelivers it) and the failure is visible.
            batch.Stored.TrySetException(e);
        }
        finally
        {
            metrics.WritesInFlight = Interlocked.Decrement(ref _inFlight);
            _writeSlots.Release();
        }
    }

    /// <summary>Waits for the batch's write; whatever its outcome, the append-only check may then forget its samples (they are in InfluxDB, or will be sent again).</summary>
    private async Task WhenWrittenAsync(WriteBatch batch)
    {
        try
        {
            await batch.Stored.Task;
        }
        finally
        {
            guard.Durable(batch.Ordinal);
        }
    }

    private async Task AcknowledgeInOrderAsync()
    {
        await foreach (var batch in _toAcknowledge.Reader.ReadAllAsync())
        {
            try
            {
                await WhenWrittenAsync(batch);
                await guard.ReportAsync(batch, _writes.Token);
                // The rules see every stored sample before it is acknowledged; they may hold ingestion back, never lose a sample.
                await storedFeed.PublishAsync(batch.Messages, batch.Conflicts, _writes.Token);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await acknowledger.AcknowledgeAsync(batch, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Not stored before shutdown: left unacknowledged for redelivery.
            }
            catch (Exception e)
            {
                IngestionLog.BatchFailed(logger, batch.Messages.Count, e);
            }
            finally
            {
                _free.Writer.TryWrite(batch);
            }
        }
    }
}
