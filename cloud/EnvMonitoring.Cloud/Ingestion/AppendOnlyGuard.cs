using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Cloud.Quarantine;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Retry;
using EnvMonitoring.Protocol.Samples;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Keeps stored readings append-only: InfluxDB overwrites a point with the same series and time,
/// so nothing may be written at a (station, time) already stored with other content. A repeat with
/// the same content (a replay after a lost ack) is written again, which changes nothing; one with
/// other content, or a seq stored before at another time, is refused as a <see cref="StorageConflict"/>:
/// quarantined with both versions once its batch is stored, counted, and reported to the rules,
/// which open a data-conflict alert. The <see cref="StoredLedger"/> answers from memory; only a
/// sample older than what it knows costs a read, one request per message. docs/storage.md, "Append-only".
/// </summary>
internal sealed class AppendOnlyGuard(
    SampleHistory history,
    QuarantineStore quarantine,
    IngestionMetrics metrics,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<AppendOnlyGuard> logger)
{
    /// <summary>While InfluxDB cannot answer a read: from 100 ms to 5 s, jittered, as for writes.</summary>
    private static readonly RetrySchedule ReadRetry = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), jitter: 0.5);

    private readonly StoredLedger _ledger = new(options.Value.AppendOnlyWindow);

    /// <summary>Stations to learn again, with what InfluxDB holds of them, for the filling loop (which alone uses the ledger).</summary>
    private readonly ConcurrentQueue<(IReadOnlyCollection<string> Stations, IReadOnlyDictionary<string, long> Newest)> _relearn = new();
    private readonly bool _enabled = options.Value.AppendOnly;

    /// <summary>
    /// Before a park taken up from another instance is consumed here: what this process knew of its
    /// stations is stale (the other stored samples meanwhile), so their floors are read again, retrying
    /// until InfluxDB answers; the filling loop takes them before its next message.
    /// </summary>
    public async Task RelearnAsync(string park, IReadOnlyCollection<string> stations, CancellationToken cancellationToken)
    {
        if (!_enabled || stations.Count == 0)
        {
            return;
        }

        var backoff = ReadRetry.Start(time);
        while (true)
        {
            try
            {
                _relearn.Enqueue((stations, await history.NewestPerStationAsync(cancellationToken, park)));
                return;
            }
            catch (InfluxException e)
            {
                IngestionLog.InfluxNotReady(logger, e.Message);
                await backoff.WaitNextAsync(cancellationToken);
            }
        }
    }

    /// <summary>Reads each station's newest stored time, retrying until InfluxDB answers; samples are checked only after it.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!_enabled)
        {
            IngestionLog.AppendOnlyOff(logger);
            return;
        }

        var backoff = ReadRetry.Start(time);
        while (true)
        {
            try
            {
                var newest = await history.NewestPerStationAsync(cancellationToken);
                _ledger.Seed(newest);
                IngestionLog.LedgerSeeded(logger, newest.Count);
                return;
            }
            catch (InfluxException e)
            {
                IngestionLog.InfluxNotReady(logger, e.Message);
                await backoff.WaitNextAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Writes the lines of <paramref name="message"/>'s samples into <paramref name="batch"/>, except
    /// those that would rewrite stored ones (they go to <see cref="WriteBatch.Conflicts"/>, and the
    /// batch's message keeps only the others). Completes synchronously unless a sample is older than
    /// what the ledger knows.
    /// </summary>
    public ValueTask AddAsync(WriteBatch batch, IngestedMessage message, CancellationToken cancellationToken)
    {
        while (_relearn.TryDequeue(out var relearn))
        {
            _ledger.Relearn(relearn.Stations, relearn.Newest);
        }

        batch.BeginMessage(message);
        var samples = message.Samples;
        List<Pending>? unknown = null;
        List<int>? refused = null;
        var now = time.GetUtcNow();
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            var start = batch.Lines.WrittenCount;
            LineProtocol.WriteSample(batch.Lines, message.Park!, sample);
            var milliseconds = sample.Timestamp.ToUnixTimeMilliseconds();
            if (!_enabled)
            {
                batch.LineAdded(sample.Readings.Count);
                metrics.Lag(now - sample.Timestamp);
                continue;
            }

            var hash = XxHash3.HashToUInt64(batch.Lines.WrittenSpan[start..]);
            var verdict = _ledger.Check(sample.Station, milliseconds, hash, sample.Seq, out var earlier);
            if (verdict is LedgerVerdict.New or LedgerVerdict.Repeat)
            {
                Admit(batch, sample, milliseconds, hash, now);
                continue;
            }

            batch.Lines.Truncate(start);
            if (verdict == LedgerVerdict.Unknown)
            {
                (unknown ??= []).Add(new Pending(i, hash));
            }
            else
            {
                Refuse(batch, message, sample, verdict, earlier, stored: null);
                (refused ??= []).Add(i);
            }
        }

        if (unknown is not null)
        {
            return ResolveAsync(batch, message, unknown, refused, cancellationToken);
        }

        if (refused is not null)
        {
            Keep(batch, message, refused);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Every batch up to <paramref name="ordinal"/> is written (or given up).</summary>
    public void Durable(long ordinal) => _ledger.Durable(ordinal);

    /// <summary>
    /// Once <paramref name="batch"/> is stored: reads the stored version of each conflict not read
    /// yet and quarantines both versions. A failed read leaves the stored side out and says so.
    /// </summary>
    public async Task ReportAsync(WriteBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Conflicts.Count == 0)
        {
            return;
        }

        var unread = batch.Conflicts.Where(c => c.Stored is null).ToList();
        if (unread.Count > 0)
        {
            try
            {
                var stored = await history.ReadRangesAsync(unread.Select(c => (c.Sent.Station, c.StoredAt, c.StoredAt)).Distinct(), cancellationToken);
                var byKey = stored.ToDictionary(s => (s.Sample.Station, s.Sample.Timestamp.ToUnixTimeMilliseconds()), s => s.Sample);
                foreach (var conflict in unread)
                {
                    conflict.Stored = byKey.GetValueOrDefault((conflict.Sent.Station, conflict.StoredAt.ToUnixTimeMilliseconds()));
                }
            }
            catch (InfluxException e)
            {
                IngestionLog.ConflictReadFailed(logger, unread.Count, e.Message);
            }
        }

        foreach (var conflict in batch.Conflicts)
        {
            var why = conflict.Kind == LedgerVerdict.SequenceReused
                ? $"seq {conflict.Sent.Seq} is already stored for the sample measured at {conflict.StoredAt:O}; a seq names one sample."
                : "a reading of this station at this time is already stored with other content; stored readings are never rewritten.";
            var rejection = SampleRejections.For(conflict.Sent, conflict.InBatch, RejectionReason.Conflict, ".ts", why);
            quarantine.Add(conflict.Topic, rejection.Reason.ToString(), rejection.Path, rejection.Detail, BothVersions(conflict));
            metrics.Conflicted();
            IngestionLog.ConflictRefused(logger, conflict.Topic, rejection.Detail);
        }
    }

    /// <summary><c>{"stored": …, "sent": …}</c> in the contract's sample form; <c>stored</c> is null when it could not be read.</summary>
    private static string BothVersions(StorageConflict conflict)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("stored");
            if (conflict.Stored is { } stored)
            {
                SampleCodec.WriteSample(writer, stored);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WritePropertyName("sent");
            SampleCodec.WriteSample(writer, conflict.Sent);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The same content: the same seq and the same readings (value and status), whatever their order.</summary>
    private static bool SameContent(Sample stored, Sample sent)
    {
        if (stored.Seq != sent.Seq || stored.Readings.Count != sent.Readings.Count)
        {
            return false;
        }

        foreach (var reading in sent.Readings)
        {
            if (!stored.TryGetReading(reading.Parameter.Code, out var other) || other.Value != reading.Value || other.Status != reading.Status)
            {
                return false;
            }
        }

        return true;
    }

    private async ValueTask ResolveAsync(WriteBatch batch, IngestedMessage message, List<Pending> unknown, List<int>? refused, CancellationToken cancellationToken)
    {
        var samples = message.Samples;
        var ranges = unknown
            .GroupBy(p => samples[p.Index].Station)
            .Select(g => (g.Key, g.Min(p => samples[p.Index].Timestamp), g.Max(p => samples[p.Index].Timestamp)));
        var stored = (await ReadAsync(ranges.ToList(), cancellationToken))
            .GroupBy(s => (s.Sample.Station, s.Sample.Timestamp.ToUnixTimeMilliseconds()))
            .ToDictionary(g => g.Key, g => g.First().Sample);
        var now = time.GetUtcNow();
        foreach (var (index, hash) in unknown)
        {
            var sample = samples[index];
            var milliseconds = sample.Timestamp.ToUnixTimeMilliseconds();
            // An earlier sample of this message may have made it known meanwhile.
            var verdict = _ledger.Check(sample.Station, milliseconds, hash, sample.Seq, out var earlier);
            Sample? storedVersion = null;
            if (verdict == LedgerVerdict.Unknown)
            {
                verdict = !stored.TryGetValue((sample.Station, milliseconds), out storedVersion) ? LedgerVerdict.New
                    : SameContent(storedVersion, sample) ? LedgerVerdict.Repeat
                    : LedgerVerdict.Conflict;
            }

            if (verdict is LedgerVerdict.New or LedgerVerdict.Repeat)
            {
                LineProtocol.WriteSample(batch.Lines, message.Park!, sample);
                Admit(batch, sample, milliseconds, hash, now);
                continue;
            }

            Refuse(batch, message, sample, verdict, earlier, storedVersion);
            (refused ??= []).Add(index);
        }

        if (refused is not null)
        {
            Keep(batch, message, refused);
        }
    }

    private async Task<List<(string Park, Sample Sample)>> ReadAsync(
        List<(string Station, DateTimeOffset From, DateTimeOffset To)> ranges, CancellationToken cancellationToken)
    {
        metrics.LedgerRead();
        var backoff = ReadRetry.Start(time);
        while (true)
        {
            try
            {
                return await history.ReadRangesAsync(ranges, cancellationToken);
            }
            catch (InfluxException e)
            {
                var delay = backoff.Next();
                IngestionLog.LedgerReadRetry(logger, ranges.Count, e.Message, backoff.Retries, delay);
                await backoff.WaitAsync(delay, cancellationToken);
            }
        }
    }

    private void Admit(WriteBatch batch, Sample sample, long milliseconds, ulong hash, DateTimeOffset now)
    {
        _ledger.Record(sample.Station, milliseconds, hash, sample.Seq, batch.Ordinal);
        batch.LineAdded(sample.Readings.Count);
        metrics.Lag(now - sample.Timestamp);
    }

    private static void Refuse(WriteBatch batch, IngestedMessage message, Sample sample, LedgerVerdict kind, long earlier, Sample? stored) =>
        batch.Conflicts.Add(new StorageConflict(message.Topic, message.Park!, message.Gateway is not null, sample, kind, DateTimeOffset.FromUnixTimeMilliseconds(earlier))
        {
            Stored = stored,
        });

    /// <summary>The batch's last message keeps only the samples not refused: the rules and the live state never see those.</summary>
    private static void Keep(WriteBatch batch, IngestedMessage message, List<int> refused)
    {
        var skip = refused.ToHashSet();
        var kept = new List<Sample>(message.Samples.Count - skip.Count);
        for (var i = 0; i < message.Samples.Count; i++)
        {
            if (!skip.Contains(i))
            {
                kept.Add(message.Samples[i]);
            }
        }

        batch.ReplaceLastMessage(message with { Samples = kept });
    }

    private readonly record struct Pending(int Index, ulong Hash);
}
