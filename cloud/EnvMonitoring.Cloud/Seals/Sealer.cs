using System.Collections.Immutable;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Retry;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Alerts;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>
/// Seals every station-day as its data is first accepted (docs/evidence.md): told of each stored
/// sample (<see cref="IStoredSamplesListener"/>, through a short queue of its own) and each alert event
/// (<see cref="IRulesListener"/>), it keeps what arrived since the last seal and, every <see cref="SealsOptions.Interval"/> (or as soon as
/// the station's share of <see cref="SealsOptions.MaxItemsPerSeal"/> wait), signs a new version that continues the day's
/// chain. After a day ends (plus <see cref="SealsOptions.CloseDelay"/>) it makes the day's closing
/// seal, empty if nothing came; data for a closed day makes a later version. At start it finds its
/// place again from the seal store and, for days not yet closed, what InfluxDB holds unsealed. When
/// several instances share the parks (<see cref="IParkOwnership.Shared"/>), it seals only the parks
/// taken up here: it finds each one's place as it is taken up and seals what waits before handing it over.
/// Days before today that take data are marked owed (<see cref="OwedDays"/>) before the data is
/// acknowledged and settled once sealed, so a start after a crash recovers them too.
/// </summary>
public sealed partial class Sealer(
    SealStore store,
    OwedDays owedDays,
    SealingKeys keys,
    DayReader reader,
    StationRegistry registry,
    IParkOwnership ownership,
    IOptions<SealsOptions> options,
    TimeProvider time,
    ILogger<Sealer> logger) : BackgroundService, IStoredSamplesListener, IRulesListener, IParkCustodian
{
    /// <summary>How long a hand-over waits for the seals it made to be written.</summary>
    private static readonly TimeSpan FlushPatience = TimeSpan.FromSeconds(30);

    private static readonly RetrySchedule ReadRetry = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    /// <summary>
    /// Stored batches (ingestion's writes, up to <see cref="IngestionOptions.MaxBatchLines"/> samples each)
    /// that may wait to be taken into the books: enough that sealing runs beside acknowledging, few
    /// enough that samples do not pile up in memory if it falls behind (ingestion then waits).
    /// </summary>
    private const int StoredQueue = 4;

    private readonly SealsOptions _settings = options.Value;
    private readonly Channel<(AlertEvent Event, string Park)> _events = Channel.CreateUnbounded<(AlertEvent, string)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<(IReadOnlyList<StoredSamples> Stored, OwedDay[]? Owed)> _stored = Channel.CreateBounded<(IReadOnlyList<StoredSamples>, OwedDay[]?)>(new BoundedChannelOptions(StoredQueue)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Lock _progressLock = new();
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _queued;
    private long _taken; // under _progressLock
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Take-ups wait for recovery, as the stored batches do (their loop starts after it): a book must know its stored seals before it takes anything new.
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<(string Station, DateOnly Day), SealBook> _books = [];

    /// <summary>Parks handed over to another instance (and not taken up again): what still comes of them here is its to seal.</summary>
    private readonly HashSet<string> _handedOver = new(StringComparer.Ordinal);

    /// <summary>When several instances share the parks: the parks sealed here (taken up, not handed over).</summary>
    private volatile ImmutableHashSet<string> _sealedHere = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>
    /// Queues a stored batch for the books: taken in on the sealer's own loop, so sealing runs beside
    /// ingestion's acknowledgements rather than inside them; if sealing falls behind, the queue is full
    /// and ingestion waits rather than samples piling up in memory. The samples are in InfluxDB already:
    /// what a stop leaves in the queue, the next start finds there unsealed (a day before today, because
    /// it was marked owed first).
    /// </summary>
    async ValueTask IStoredSamplesListener.OnStoredAsync(IReadOnlyList<StoredSamples> stored, CancellationToken cancellationToken)
    {
        var owed = await OweAsync(stored, cancellationToken);
        await _stored.Writer.WriteAsync((stored, owed), cancellationToken);
        Interlocked.Increment(ref _queued);
    }

    void IRulesListener.OnTransition(AlertTransition transition) => _events.Writer.TryWrite((transition.Event, transition.Park));

    /// <summary>
    /// Whether this sealer seals the station (so <see cref="AwaitingAsync"/> knows what waits): always on a
    /// single host; when several instances share the parks, while its park is taken up here.
    /// </summary>
    public bool Seals(string station) => !ownership.Shared || (registry.ParkOf(station) is { } park && _sealedHere.Contains(park));

    /// <summary>The keys of a station-day that arrived and wait for the next seal (verification does not call them inserted).</summary>
    public async Task<HashSet<SealKey>> AwaitingAsync(string station, DateOnly day, CancellationToken cancellationToken)
    {
        await CaughtUpAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _books.TryGetValue((station, day), out var book) ? [.. book.Pending.Keys] : [];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Seals now whatever waits, with every batch stored before the call (the tick's work; also for tests and an orderly stop).</summary>
    public async Task SealPendingAsync(CancellationToken cancellationToken)
    {
        await CaughtUpAsync(cancellationToken);
        await SealWaitingAsync(cancellationToken);
    }

    /// <summary>Seals what the books hold now.</summary>
    private async Task SealWaitingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Tick(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A key that others can read stops the host here, before anything is sealed with it.
        keys.Ensure();
        var backoff = ReadRetry.Start(time);
        while (true)
        {
            try
            {
                await RecoverAsync(ownership.Shared ? [] : registry.All, stoppingToken);
                break;
            }
            catch (Exception e) when (e is InfluxException or HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                SealsLog.RecoveryFailed(logger, e.Message);
                await backoff.WaitNextAsync(stoppingToken);
            }
        }

        // At once what recovery found unsealed, and the closing seal of a day that ended while the host was down.
        await SealWaitingAsync(stoppingToken);
        _ready.TrySetResult();
        await Task.WhenAll(TakeStoredAsync(stoppingToken), ConsumeEventsAsync(stoppingToken), TickEveryIntervalAsync(stoppingToken));
    }

    /// <summary>
    /// An orderly stop seals what waits first (the seal journal, which stops after the sealer, writes
    /// it), so the next start finds its seals rather than reading the days again. Cut short by the
    /// host's shutdown timeout.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_ready.Task.IsCompleted)
        {
            try
            {
                await SealPendingAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                SealsLog.StopUnsealed(logger);
            }
        }

        await base.StopAsync(cancellationToken);
    }

    /// <summary>Finds the park's place again, as at a start, before any of its samples is ingested here.</summary>
    public async Task TakeUpAsync(string park, CancellationToken cancellationToken)
    {
        await _ready.Task.WaitAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        _handedOver.Remove(park);
        _gate.Release();
        var backoff = ReadRetry.Start(time);
        while (true)
        {
            try
            {
                // Items that came meanwhile (a rules tick's event) join the recovered books; a repeat is ignored.
                await RecoverAsync([.. registry.All.Where(s => s.Park == park)], cancellationToken);
                _sealedHere = _sealedHere.Add(park);
                return;
            }
            catch (Exception e) when (e is InfluxException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                SealsLog.RecoveryFailed(logger, e.Message);
                await backoff.WaitNextAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Seals what waits of the park and waits for the seals to be written, so its next sealer continues
    /// the chains; then forgets its books. A lost lease seals nothing: the next sealer finds the
    /// unsealed items in InfluxDB.
    /// </summary>
    public async Task HandOverAsync(string park, bool leaseLost, CancellationToken cancellationToken)
    {
        // What ingestion stored of the park before the hand-over goes into its books first (nothing of it is stored here after).
        await CaughtUpAsync(cancellationToken);
        _sealedHere = _sealedHere.Remove(park);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _handedOver.Add(park);
            lock (_owedLock)
            {
                // Its next sealer reads the park's marks at its take-up and settles them.
                foreach (var day in _owed.Keys.Where(d => d.Park == park).ToList())
                {
                    _owed.Remove(day);
                }
            }

            foreach (var book in _books.Values.Where(b => b.Park == park).ToList())
            {
                var closed = Closed(book.Day);
                if (!leaseLost && (book.Pending.Count > 0 || (closed && !book.CloseSealed)))
                {
                    Seal(book, closed);
                }

                _books.Remove((book.Station, book.Day));
            }
        }
        finally
        {
            _gate.Release();
        }

        var deadline = time.GetUtcNow() + FlushPatience;
        while (!leaseLost && store.Backlog > 0 && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }

    /// <summary>
    /// Today's, yesterday's and every owed day's books from the seal store; for a day not closed yet or
    /// owed, what InfluxDB holds that no seal covers.
    /// </summary>
    private async Task RecoverAsync(IReadOnlyList<RegisteredStation> stations, CancellationToken cancellationToken)
    {
        var today = ProvinceTime.DayOf(time.GetUtcNow());
        List<OwedDay> owedAll = stations.Count == 0 ? [] : await owedDays.ReadAsync(cancellationToken);
        var owed = owedAll.ToLookup(d => d.Station, d => d.Day);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var station in stations)
            {
                var seals = await store.ReadAsync(station.Station, today.AddDays(-1), today, cancellationToken);
                var marked = owed[station.Station].ToHashSet();
                foreach (var day in marked.Where(d => d < today.AddDays(-1)))
                {
                    seals[day] = (await store.ReadAsync(station.Station, day, day, cancellationToken)).GetValueOrDefault(day) ?? [];
                }

                foreach (var day in marked.Union([today.AddDays(-1), today]))
                {
                    var book = Book(station.Station, station.Park, day);
                    foreach (var seal in seals.GetValueOrDefault(day) ?? [])
                    {
                        book.Sealed(seal);
                    }

                    if (!book.CloseSealed || marked.Contains(day))
                    {
                        var unsealed = 0;
                        foreach (var stored in await reader.ReadAsync(station.Station, day, cancellationToken))
                        {
                            unsealed += book.Add(stored.Item) ? 1 : 0;
                        }

                        if (unsealed > 0)
                        {
                            SealsLog.RecoveredUnsealed(logger, station.Station, day, unsealed);
                        }
                    }
                }

                lock (_owedLock)
                {
                    foreach (var day in marked)
                    {
                        _owed.TryAdd(new OwedDay(station.Park, station.Station, day), 0);
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Takes the queued batches into their books, one at a time, and tells whoever waits for them (<see cref="CaughtUpAsync"/>).</summary>
    private async Task TakeStoredAsync(CancellationToken cancellationToken)
    {
        await foreach (var (stored, owed) in _stored.Reader.ReadAllAsync(cancellationToken))
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await TakeAsync(stored, cancellationToken);
                lock (_owedLock)
                {
                    foreach (var day in owed ?? [])
                    {
                        // Gone if its park was handed over meanwhile.
                        if (_owed.TryGetValue(day, out var carried))
                        {
                            _owed[day] = carried - 1;
                        }
                    }
                }
            }
            finally
            {
                _gate.Release();
            }

            TaskCompletionSource taken;
            lock (_progressLock)
            {
                _taken++;
                (taken, _progress) = (_progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            taken.TrySetResult();
        }
    }

    /// <summary>A stored batch's samples into their books (under the gate); a book that has its fill seals at once.</summary>
    private async Task TakeAsync(IReadOnlyList<StoredSamples> stored, CancellationToken cancellationToken)
    {
        foreach (var message in stored)
        {
            if (_handedOver.Contains(message.Park))
            {
                continue;
            }

            foreach (var sample in message.Samples)
            {
                var day = ProvinceTime.DayOf(sample.Timestamp);
                var book = _books.TryGetValue((sample.Station, day), out var known) ? known : await BookAsync(sample.Station, message.Park, day, cancellationToken);
                if (book.AddSample(sample) && book.Pending.Count >= book.SealAt)
                {
                    Seal(book, Closed(book.Day));
                }
            }
        }
    }

    /// <summary>Waits until every batch queued before the call is in the books (not under the gate: the loop that takes them needs it).</summary>
    private async Task CaughtUpAsync(CancellationToken cancellationToken)
    {
        var queued = Interlocked.Read(ref _queued);
        while (true)
        {
            Task next;
            lock (_progressLock)
            {
                if (_taken >= queued)
                {
                    return;
                }

                next = _progress.Task;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    private async Task ConsumeEventsAsync(CancellationToken cancellationToken)
    {
        await foreach (var (e, park) in _events.Reader.ReadAllAsync(cancellationToken))
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (!_handedOver.Contains(park))
                {
                    var book = await BookAsync(e.Cause.Station, park, ProvinceTime.DayOf(e.At), cancellationToken);
                    book.Add(SealItems.Of(e, AlertEventStore.Format(e)));
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private async Task TickEveryIntervalAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_settings.Interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await SealPendingAsync(cancellationToken);
        }
    }

    /// <summary>Seals what waits, closes days that have ended, forgets idle closed days, and opens today's book for every station.</summary>
    private void Tick(CancellationToken cancellationToken)
    {
        var today = ProvinceTime.DayOf(time.GetUtcNow());
        foreach (var station in registry.All)
        {
            if (ownership.Owns(station.Park))
            {
                Book(station.Station, station.Park, today);
            }
        }

        // Every seal made before this tick is written: taken before this tick seals anything, or a station
        // with live data sealed early in the loop would keep every idle closed day after it in memory (and owed).
        var written = store.Backlog == 0;
        foreach (var book in _books.Values.ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var closed = Closed(book.Day);
            if (book.Pending.Count > 0 || (closed && !book.CloseSealed))
            {
                Seal(book, closed);
            }
            else if (closed && book.IdleTicks++ >= 1 && written)
            {
                _books.Remove((book.Station, book.Day));
                Settle(new OwedDay(book.Park, book.Station, book.Day));
            }
        }
    }

    private void Seal(SealBook book, bool closed)
    {
        var document = SealDocument.Next(book.Last, book.Station, book.Day, book.Pending, closed, ProvinceTime.ToLocal(time.GetUtcNow()), keyId: "");
        byte[] bytes = [];
        var (signature, _) = keys.Sign(id => bytes = (document = document with { KeyId = id }).ToUtf8());
        var seal = new SignedSeal(document, bytes, signature);
        store.Append(new StoredSeal(book.Park, seal));
        book.Pending.Clear();
        book.Last = seal.Link;
        book.CloseSealed |= closed;
        SealsLog.Sealed(logger, book.Station, book.Day, seal.Parsed.Version, seal.Parsed.Samples, seal.Parsed.Events, closed);
    }

    private bool Closed(DateOnly day) => time.GetUtcNow() >= ProvinceTime.StartOf(day).AddDays(1) + _settings.CloseDelay;

    private SealBook Book(string station, string park, DateOnly day)
    {
        if (!_books.TryGetValue((station, day), out var book))
        {
            _books[(station, day)] = book = new SealBook(station, park, day, ItemsPerSeal(station));
        }

        return book;
    }

    /// <summary>
    /// How many waiting items make a station's seal at once: its own number between three quarters of
    /// <see cref="SealsOptions.MaxItemsPerSeal"/> and all of it, so stations that report together (a
    /// park's gateway forwards all of them in each batch) do not all seal in the same batch, which
    /// holds that batch's acknowledgement back for hundreds of seals.
    /// </summary>
    private int ItemsPerSeal(string station)
    {
        var spread = _settings.MaxItemsPerSeal / 4;
        return _settings.MaxItemsPerSeal - (int)(XxHash32.HashToUInt32(MemoryMarshal.AsBytes(station.AsSpan())) % (uint)spread);
    }

    /// <summary>The book of a station-day; for a day not in memory, what the seal store holds of it first (late data).</summary>
    private async Task<SealBook> BookAsync(string station, string park, DateOnly day, CancellationToken cancellationToken)
    {
        if (_books.TryGetValue((station, day), out var book))
        {
            return book;
        }

        // Until the store answers, sealing (and so ingestion, which waits for it) waits: a late item must not start a second version 1.
        var backoff = ReadRetry.Start(time);
        while (true)
        {
            try
            {
                var seals = await store.ReadAsync(station, day, day, cancellationToken);
                book = Book(station, park, day);
                foreach (var seal in seals.GetValueOrDefault(day) ?? [])
                {
                    book.Sealed(seal);
                }

                return book;
            }
            catch (Exception e) when (e is InfluxException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                SealsLog.StoreUnreadable(logger, station, day, e.Message);
                await backoff.WaitNextAsync(cancellationToken);
            }
        }
    }
}
