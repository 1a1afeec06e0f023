using System.Diagnostics;
using System.Text;
using EnvMonitoring.Cloud.Quarantine;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Retry;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Gets a batch's lines into InfluxDB, whatever it takes: retries with jittered backoff while
/// InfluxDB is away, creates the database if it vanished, and when InfluxDB refuses lines (400)
/// finds exactly which by splitting the batch in halves — a write is idempotent, so re-sending
/// the good lines is harmless — and quarantines each refused line with InfluxDB's reason.
/// </summary>
internal sealed class BatchStore(
    InfluxClient influx,
    QuarantineStore quarantine,
    IngestionStatus status,
    IngestionMetrics metrics,
    TimeProvider time,
    ILogger<BatchStore> logger)
{
    /// <summary>While InfluxDB is away: from 100 ms to 5 s, jittered ±50% so that writers do not return in step.</summary>
    private static readonly RetrySchedule WriteRetry = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), jitter: 0.5);

    public async Task StoreAsync(WriteBatch batch, CancellationToken cancellationToken)
    {
        if (batch.LineCount == 0)
        {
            return;
        }

        var started = time.GetTimestamp();
        await StoreRangeAsync(batch, 0, batch.Lines.WrittenCount, batch.LineCount, cancellationToken);
        metrics.Written(batch.LineCount, batch.ValueCount, time.GetElapsedTime(started));
        status.RecordWrite(batch.LineCount, time.GetUtcNow());
    }

    private async Task StoreRangeAsync(WriteBatch batch, int start, int end, int lines, CancellationToken cancellationToken)
    {
        var backoff = WriteRetry.Start(time);
        while (true)
        {
            var result = await influx.WriteAsync(batch.Lines.WrittenMemory[start..end], cancellationToken);
            switch (result.Outcome)
            {
                case InfluxWriteOutcome.Written:
                    status.InfluxReady = true;
                    return;

                case InfluxWriteOutcome.Rejected or InfluxWriteOutcome.TooLarge when lines > 1:
                    var middle = MiddleLine(batch.Lines.WrittenSpan, start, end);
                    var firstHalf = CountLines(batch.Lines.WrittenSpan[start..middle]);
                    await StoreRangeAsync(batch, start, middle, firstHalf, cancellationToken);
                    await StoreRangeAsync(batch, middle, end, lines - firstHalf, cancellationToken);
                    return;

                case InfluxWriteOutcome.Rejected or InfluxWriteOutcome.TooLarge:
                    var message = batch.MessageAt(start);
                    var line = Encoding.UTF8.GetString(batch.Lines.WrittenSpan[start..end]).TrimEnd('\n');
                    quarantine.Add(message.Topic, QuarantineStore.RefusedByStorage, "line", result.Error ?? $"InfluxDB answered {(int?)result.Status}", line);
                    IngestionLog.WriteRejected(logger, (int?)result.Status, result.Error);
                    return;

                case InfluxWriteOutcome.DatabaseMissing:
                    IngestionLog.DatabaseMissing(logger, influx.Database);
                    await TryCreateDatabaseAsync(cancellationToken);
                    break;

                default:
                    status.InfluxReady = false;
                    metrics.Retried();
                    var delay = backoff.Next();
                    IngestionLog.WriteRetry(logger, lines, result.Error, backoff.Retries, delay);
                    await backoff.WaitAsync(delay, cancellationToken);
                    break;
            }
        }
    }

    private async Task TryCreateDatabaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await influx.EnsureDatabaseAsync(cancellationToken);
        }
        catch (InfluxException e)
        {
            IngestionLog.InfluxNotReady(logger, e.Message);
            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
        }
    }

    /// <summary>The start of the line nearest the middle of [start, end), never start itself.</summary>
    private static int MiddleLine(ReadOnlySpan<byte> lines, int start, int end)
    {
        var middle = start + ((end - start) / 2);
        var next = lines[middle..end].IndexOf((byte)'\n');
        if (next >= 0 && middle + next + 1 < end)
        {
            return middle + next + 1;
        }

        var previous = lines[start..middle].LastIndexOf((byte)'\n');
        Debug.Assert(previous >= 0, "a range of two or more lines has an inner line break");
        return start + previous + 1;
    }

    private static int CountLines(ReadOnlySpan<byte> lines) => lines.Count((byte)'\n');
}
