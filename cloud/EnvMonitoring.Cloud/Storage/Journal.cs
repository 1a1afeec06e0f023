using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using EnvMonitoring.Protocol.Retry;

namespace EnvMonitoring.Cloud.Storage;

/// <summary>
/// An append-only record kept for good: one measurement in the <see cref="LongTermPolicy"/>, written
/// in order by a background loop that retries until InfluxDB takes each entry. <see cref="Append"/>
/// never blocks. Every entry gets a distinct millisecond (its own time, pushed past the previous
/// entry's when two share one, also across restarts), so no point ever overwrites another. Entries
/// written by an earlier version into the database's default policy are copied over once
/// (<see cref="MovedFromDefaultPolicy"/>).
/// </summary>
/// <typeparam name="T">One entry.</typeparam>
public abstract class Journal<T>(InfluxClient influx, LongTermPolicy longTerm, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>How long a stopping journal tries to write what it still holds.</summary>
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(5);

    /// <summary>Writes wait for InfluxDB: soon at first, at most every 10 s.</summary>
    private static readonly RetrySchedule WriteRetry = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));

    private readonly Channel<T> _pending = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private Once? _ready;
    private long _lastMilliseconds;
    // What is accepted and not yet written, oldest first: the writing loop takes entries in this order.
    private readonly Lock _unwrittenLock = new();
    private readonly Queue<T> _unwritten = new();

    /// <summary>The clock entries are timed by.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The measurement's name.</summary>
    public abstract string Measurement { get; }

    /// <summary>
    /// Whether an entry's own time is its identity (<see cref="TimeOf"/> distinct per series by
    /// construction) and is written as it is, rather than pushed past the previous entry's.
    /// </summary>
    protected virtual bool KeepsOwnTime => false;

    /// <summary>
    /// How long a write waits after its first entry for more to join it: entries that come in a
    /// stream (seals, while ingestion runs hard) then go in a few large requests rather than many
    /// small ones, each of which InfluxDB syncs to its write-ahead log. Wall-clock time (I/O
    /// batching), not <see cref="Time"/>, which a test may hold still. None by default.
    /// </summary>
    protected virtual TimeSpan Linger => TimeSpan.Zero;

    /// <summary>Whether an earlier version kept this measurement in the default policy (copied over at start).</summary>
    protected virtual bool MovedFromDefaultPolicy => false;

    /// <summary>Entries accepted but not yet in InfluxDB.</summary>
    public int Backlog
    {
        get
        {
            lock (_unwrittenLock)
            {
                return _unwritten.Count;
            }
        }
    }

    /// <summary>The fully qualified measurement, for a FROM clause.</summary>
    protected string Source => longTerm.Source(Measurement);

    /// <summary>Queues an entry for writing; never blocks.</summary>
    public void Append(T entry)
    {
        // Under the lock: the writing loop's order and the unwritten entries' order are one.
        lock (_unwrittenLock)
        {
            _unwritten.Enqueue(entry);
            _pending.Writer.TryWrite(entry);
        }
    }

    /// <summary>The entries accepted and not yet in InfluxDB, oldest first (a copy): they exist, though a query does not find them yet.</summary>
    protected List<T> Unwritten()
    {
        lock (_unwrittenLock)
        {
            return [.. _unwritten];
        }
    }

    /// <summary>When the entry happened.</summary>
    protected abstract DateTimeOffset TimeOf(T entry);

    /// <summary>Appends the entry's tags (each <c>,key=value</c>) and fields (<c> key=value,…</c>, with the leading space).</summary>
    protected abstract void AppendTagsAndFields(StringBuilder line, T entry);

    /// <summary>
    /// The rows of <c>SELECT time, {columns} FROM {measurement} WHERE {where}</c>, oldest first, read in
    /// pages so a long record does not load at once; each row's first cell is its time in ms.
    /// </summary>
    protected async IAsyncEnumerable<JsonElement[]> ReadAsync(IReadOnlyList<string> columns, string? where, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        const int Page = 5000;
        long after = -1;
        while (true)
        {
            var since = InfluxQl.Time(DateTimeOffset.FromUnixTimeMilliseconds(after));
            using var document = await influx.QueryAsync(
                string.Create(CultureInfo.InvariantCulture, $"SELECT {InfluxQl.Identifiers(columns)} FROM {Source} WHERE time > {since}{(where is null ? "" : " AND " + where)} ORDER BY time ASC LIMIT {Page}"),
                cancellationToken);
            var count = 0;
            foreach (var (_, row) in SeriesRows.Of(document))
            {
                count++;
                var cells = row.EnumerateArray().ToArray();
                after = cells[0].GetInt64();
                yield return cells;
            }

            if (count < Page)
            {
                yield break;
            }
        }
    }

    /// <summary>The newest rows matching <paramref name="where"/>, newest first, at most <paramref name="limit"/>.</summary>
    protected async Task<List<JsonElement[]>> ReadNewestAsync(IReadOnlyList<string> columns, string? where, int limit, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        using var document = await influx.QueryAsync(
            string.Create(CultureInfo.InvariantCulture, $"SELECT {InfluxQl.Identifiers(columns)} FROM {Source}{(where is null ? "" : " WHERE " + where)} ORDER BY time DESC LIMIT {limit}"),
            cancellationToken);
        // Cloned: the document is disposed here.
        return [.. SeriesRows.Of(document).Select(r => r.Row.EnumerateArray().Select(c => c.Clone()).ToArray())];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WriteAsTheyComeAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await WriteWhatWaitsAsync();
        }
    }

    /// <summary>Writes entries in order as they come, each request with what has come since the last, until the host stops.</summary>
    private async Task WriteAsTheyComeAsync(CancellationToken stoppingToken)
    {
        var batch = new List<T>();
        var lines = new StringBuilder();
        var backoff = WriteRetry.Start(Time);
        // A batch that failed is retried after its back-off even when nothing new comes.
        while (batch.Count > 0 || await _pending.Reader.WaitToReadAsync(stoppingToken))
        {
            try
            {
                await ReadyAsync(stoppingToken);
            }
            catch (Exception e) when (e is InfluxException or HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                JournalLog.WriteFailed(logger, Measurement, _pending.Reader.Count, e.Message);
                await backoff.WaitNextAsync(stoppingToken);
                continue;
            }

            if (batch.Count == 0 && Linger > TimeSpan.Zero)
            {
                await Task.Delay(Linger, TimeProvider.System, stoppingToken);
            }

            // Written as they come: a batch that failed is written again as it was, with what came since.
            var last = _lastMilliseconds;
            lines.Clear();
            foreach (var entry in batch)
            {
                last = AppendLine(lines, entry, last);
            }

            // At most 1,000 entries and about 1 MB a request (seals are kilobytes each).
            while (batch.Count < 1000 && lines.Length < MaxRequestCharacters && _pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
                last = AppendLine(lines, item, last);
            }

            var result = await WriteAsync(lines, stoppingToken);
            if (result.Outcome == InfluxWriteOutcome.DatabaseMissing)
            {
                await influx.EnsureDatabaseAsync(stoppingToken);
                continue;
            }

            if (result.Outcome is InfluxWriteOutcome.Retryable)
            {
                JournalLog.WriteFailed(logger, Measurement, batch.Count, result.Error);
                await backoff.WaitNextAsync(stoppingToken);
                continue;
            }

            if (result.Outcome != InfluxWriteOutcome.Written)
            {
                JournalLog.Rejected(logger, Measurement, batch.Count, result.Error);
            }

            _lastMilliseconds = last;
            Forget(batch.Count);
            batch.Clear();
            backoff.Reset();
        }
    }

    /// <summary>
    /// At a stop: what was accepted and is not written yet (a write lingering for more, or one the stop
    /// cut short) goes in once more, as one or a few requests, within <see cref="StopPatience"/>. What
    /// InfluxDB does not take by then is lost, as a crash would lose it, and logged.
    /// </summary>
    private async Task WriteWhatWaitsAsync()
    {
        var entries = Unwritten();
        if (entries.Count == 0)
        {
            return;
        }

        using var patience = new CancellationTokenSource(StopPatience);
        var lines = new StringBuilder();
        var last = _lastMilliseconds;
        var (written, taken) = (0, 0);
        try
        {
            await ReadyAsync(patience.Token);
            foreach (var entry in entries)
            {
                last = AppendLine(lines, entry, last);
                if (++taken == entries.Count || lines.Length >= MaxRequestCharacters)
                {
                    var result = await WriteAsync(lines, patience.Token);
                    if (result.Outcome != InfluxWriteOutcome.Written)
                    {
                        JournalLog.LostAtStop(logger, Measurement, entries.Count - written, result.Error);
                        return;
                    }

                    _lastMilliseconds = last;
                    Forget(taken - written);
                    written = taken;
                    lines.Clear();
                }
            }
        }
        catch (Exception e) when (e is InfluxException or HttpRequestException or OperationCanceledException)
        {
            JournalLog.LostAtStop(logger, Measurement, entries.Count - written, e.Message);
        }
    }

    /// <summary>The oldest <paramref name="count"/> unwritten entries are in InfluxDB (or refused for good).</summary>
    private void Forget(int count)
    {
        lock (_unwrittenLock)
        {
            for (var i = 0; i < count; i++)
            {
                _unwritten.Dequeue();
            }
        }
    }

    /// <summary>The policy exists, entries of an earlier version are moved in, and the newest stored time is known.</summary>
    private Task ReadyAsync(CancellationToken cancellationToken) =>
        LazyInitializer.EnsureInitialized(ref _ready, () => new Once(PrepareAsync)).RunAsync(cancellationToken);

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await longTerm.EnsureAsync(cancellationToken);
        var newest = await NewestAsync(Source, cancellationToken);
        if (MovedFromDefaultPolicy)
        {
            // Idempotent: a point copied again has the same series and time, and so the same values.
            var old = InfluxQl.Source(influx.Database, "", Measurement);
            using var _ = await influx.QueryAsync(
                $"SELECT * INTO {Source} FROM {old} WHERE time > {InfluxQl.Time(DateTimeOffset.FromUnixTimeMilliseconds(newest))} GROUP BY *", cancellationToken);
            newest = Math.Max(newest, await NewestAsync(Source, cancellationToken));
        }

        _lastMilliseconds = Math.Max(_lastMilliseconds, newest);
    }

    private async Task<long> NewestAsync(string source, CancellationToken cancellationToken)
    {
        using var document = await influx.QueryAsync($"SELECT * FROM {source} ORDER BY time DESC LIMIT 1", cancellationToken);
        return SeriesRows.Of(document).Select(r => r.Row[0].GetInt64()).DefaultIfEmpty(-1).First();
    }

    /// <summary>About a megabyte a request: a write stops taking entries once its lines are this long.</summary>
    private const int MaxRequestCharacters = 1_000_000;

    /// <summary>
    /// Writes the lines as UTF-8 from the builder's own chunks through a pooled buffer: a request of
    /// a megabyte makes no string or array that only a full collection would free (the large object heap).
    /// </summary>
    private async Task<InfluxWriteResult> WriteAsync(StringBuilder lines, CancellationToken cancellationToken)
    {
        var encoder = Encoding.UTF8.GetEncoder();
        var size = 0;
        foreach (var chunk in lines.GetChunks())
        {
            size += encoder.GetByteCount(chunk.Span, flush: false);
        }

        encoder.Reset();
        var buffer = ArrayPool<byte>.Shared.Rent(size + 4);
        try
        {
            var written = 0;
            foreach (var chunk in lines.GetChunks())
            {
                written += encoder.GetBytes(chunk.Span, buffer.AsSpan(written), flush: false);
            }

            written += encoder.GetBytes([], buffer.AsSpan(written), flush: true);
            return await influx.WriteAsync(buffer.AsMemory(0, written), longTerm.Name, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Appends an entry's line at its time (its own, or one millisecond after the line before); returns that time.</summary>
    private long AppendLine(StringBuilder lines, T entry, long last)
    {
        var own = TimeOf(entry).ToUnixTimeMilliseconds();
        last = KeepsOwnTime ? Math.Max(own, last) : Math.Max(own, last + 1);
        lines.Append(Measurement);
        AppendTagsAndFields(lines, entry);
        lines.Append(' ').Append((KeepsOwnTime ? own : last).ToString(CultureInfo.InvariantCulture)).Append('\n');
        return last;
    }
}
