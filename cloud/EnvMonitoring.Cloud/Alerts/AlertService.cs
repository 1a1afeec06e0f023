using System.Collections.Concurrent;
using System.Threading.Channels;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Cloud.Live;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Retry;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// Hosts the pure <see cref="RuleEngine"/>: one loop owns it and feeds it, in order, every stored
/// sample (from <see cref="StoredSampleFeed"/>), a tick every <see cref="RulesOptions.TickInterval"/>
/// and the users' acknowledge/resolve commands. Each transition is stored (<see cref="AlertEventStore"/>),
/// applied to the <see cref="LiveState"/>, pushed to the hub and to the listeners (notifications).
/// At start-up the alert book is rebuilt from the stored events — so a restart neither forgets nor
/// duplicates an alert — and the rolling means are warmed from stored history.
/// </summary>
public sealed class AlertService(
    StationRegistry registry,
    LiveState live,
    AlertEventStore store,
    StoredSampleFeed feed,
    SampleHistory history,
    LiveBroadcaster broadcaster,
    IEnumerable<IAlertListener> listeners,
    ParameterCatalog catalog,
    IOptions<RulesOptions> options,
    TimeProvider time,
    ILogger<AlertService> logger) : BackgroundService
{
    /// <summary>Rebuilding the alert book waits for InfluxDB: soon at first, at most every 10 s.</summary>
    private static readonly RetrySchedule RebuildRetry = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    private readonly RulesOptions _options = options.Value;
    private RuleEngine _engine = new(time);
    private readonly Channel<Action> _commands = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, AlertView> _views = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _resolvedOrder = new();
    private readonly List<AlertEvent> _events = [];
    private readonly IAlertListener[] _listeners = listeners.ToArray();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the alert book is rebuilt and the engine runs.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Unresolved alerts and the most recently resolved ones, newest first.</summary>
    public IEnumerable<AlertView> Alerts => _views.Values.OrderByDescending(v => v.UpdatedAt);

    public bool TryGet(string id, out AlertView? view) => _views.TryGetValue(id, out view);

    public Task<AlertView> AcknowledgeAsync(string id, string user, string? note) =>
        RunAsync(() => _engine.Acknowledge(new AlertId(id), user, note));

    public Task<AlertView> ResolveAsync(string id, string user, string note) =>
        RunAsync(() => _engine.Resolve(new AlertId(id), user, note));

    /// <summary>The stored transitions of one alert, oldest first.</summary>
    public async Task<List<AlertEvent>> EventsAsync(string id, CancellationToken cancellationToken)
    {
        var station = id.Split('/')[0];
        var events = await store.ReadAllAsync(station, cancellationToken, alert: id);
        return events.Select(e => e.Event).Where(e => e.AlertId.Value == id).ToList();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RebuildAsync(stoppingToken);
        foreach (var station in registry.All)
        {
            _engine.Configure(station.Profile);
        }

        await WarmAsync(stoppingToken);
        _ready.TrySetResult();
        await RunLoopAsync(stoppingToken);
    }

    private async Task RebuildAsync(CancellationToken stoppingToken)
    {
        var backoff = RebuildRetry.Start(time);
        while (true)
        {
            try
            {
                var stored = await store.ReadAllAsync(null, stoppingToken);
                var book = AlertBook.Replay(stored.Select(s => s.Event));
                _engine = new RuleEngine(time, book);
                // One pass over the history: each alert's last event and the park it was stored under.
                var last = new Dictionary<AlertId, (string Park, AlertEvent Event)>();
                foreach (var item in stored)
                {
                    last[item.Event.AlertId] = item;
                }

                foreach (var alert in book.Unresolved)
                {
                    var (storedPark, lastEvent) = last.GetValueOrDefault(alert.Id);
                    var park = registry.TryGet(alert.Cause.Station, out var station) ? station.Park : storedPark ?? "";
                    _views[alert.Id.Value] = AlertView.Of(alert, park, lastEvent, catalog);
                }

                live.Load(book.Active);
                AlertsLog.Rebuilt(logger, stored.Count, book.Unresolved.Count, registry.All.Count);
                return;
            }
            catch (InfluxException e)
            {
                AlertsLog.ReplayFailed(logger, e.Message);
                await backoff.WaitNextAsync(stoppingToken);
            }
        }
    }

    private async Task WarmAsync(CancellationToken stoppingToken)
    {
        if (_options.WarmFrom <= TimeSpan.Zero || registry.All.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var count = 0;
        try
        {
            await foreach (var (park, sample) in history.ReadAsync(null, now - _options.WarmFrom, now + TimeSpan.FromMinutes(1), stoppingToken))
            {
                if (_engine.Warm(sample) == EvaluationOutcome.Evaluated)
                {
                    live.Observe(park, sample);
                    count++;
                }
            }

            AlertsLog.Warmed(logger, count, _options.WarmFrom.TotalHours);
        }
        catch (InfluxException e)
        {
            AlertsLog.WarmFailed(logger, e.Message);
        }
    }

    private async Task RunLoopAsync(CancellationToken stoppingToken)
    {
        var nextTick = time.GetUtcNow() + _options.TickInterval;
        Task<bool>? feedWait = null;
        Task<bool>? commandWait = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            while (_commands.Reader.TryRead(out var command))
            {
                command();
                worked = true;
            }

            for (var n = 0; n < 256 && feed.Reader.TryRead(out var stored); n++)
            {
                foreach (var sample in stored.Samples)
                {
                    try
                    {
                        _engine.Evaluate(sample, _events);
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
                    {
                        // A sample the engine cannot take must not stop the judging of every other station.
                        AlertsLog.EvaluationFailed(logger, sample.Station, sample.Timestamp, e);
                    }

                    live.Observe(stored.Park, sample);
                }

                Publish();
                worked = true;
            }

            var now = time.GetUtcNow();
            if (now >= nextTick)
            {
                _engine.Tick(_events);
                Publish();
                nextTick = now + _options.TickInterval;
            }

            if (worked)
            {
                continue;
            }

            feedWait ??= feed.Reader.WaitToReadAsync(stoppingToken).AsTask();
            commandWait ??= _commands.Reader.WaitToReadAsync(stoppingToken).AsTask();
            var wait = nextTick - now;
            using var delay = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(feedWait, commandWait, Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, delay.Token));
            await delay.CancelAsync();
            if (feedWait.IsCompleted)
            {
                if (!await feedWait)
                {
                    return;
                }

                feedWait = null;
            }

            if (commandWait.IsCompleted)
            {
                await commandWait;
                commandWait = null;
            }
        }
    }

    private Task<AlertView> RunAsync(Func<AlertEvent> command)
    {
        var done = new TaskCompletionSource<AlertView>(TaskCreationOptions.RunContinuationsAsynchronously);
        _commands.Writer.TryWrite(() =>
        {
            try
            {
                var e = command();
                _events.Add(e);
                Publish();
                done.TrySetResult(_views[e.AlertId.Value]);
            }
            catch (AlertCommandException ex)
            {
                done.TrySetException(ex);
            }
        });
        return done.Task;
    }

    private void Publish()
    {
        foreach (var e in _events)
        {
            var station = registry.TryGet(e.Cause.Station, out var registered) ? registered : null;
            var park = station?.Park ?? "";
            store.Append(park, e);
            live.Apply(e);
            var view = ViewOf(e, park);
            _views[e.AlertId.Value] = view;
            if (e.Kind == AlertEventKind.Resolved)
            {
                ForgetOldResolved(e.AlertId.Value);
            }

            broadcaster.PublishAlert(view);
            AlertsLog.Transition(logger, e);
            if (station is not null)
            {
                foreach (var listener in _listeners)
                {
                    listener.OnAlert(station, e, view);
                }
            }
        }

        _events.Clear();
    }

    private AlertView ViewOf(AlertEvent e, string park)
    {
        if (_engine.Alerts.TryGet(e.AlertId, out var alert))
        {
            return AlertView.Of(alert, park, e, catalog);
        }

        // Resolved: the book has let it go; the last view plus this event says all.
        var local = ProvinceTime.ToLocal(e.At);
        return _views.TryGetValue(e.AlertId.Value, out var previous)
            ? previous with { Active = false, ResolvedBy = e.User, ResolvedAt = local, ResolveNote = e.Note, UpdatedAt = local, LastEvent = AlertView.EventName(e.Kind) }
            : new AlertView(e.AlertId.Value, park, e.Cause.Station, e.Cause.Parameter, AlertView.RuleName(e.Cause.Rule), AlertView.SeverityName(e.Severity),
                AlertView.SeverityName(e.Severity), e.Multiple, e.Value, e.LimitMin, e.LimitMax, null, ProvinceTime.ToLocal(e.OpenedAt),
                ProvinceTime.ToLocal(e.MeasuredAt), local, false, e.Late, null, null, null, e.User, local, e.Note, AlertView.EventName(e.Kind));
    }

    private void ForgetOldResolved(string id)
    {
        _resolvedOrder.Enqueue(id);
        while (_resolvedOrder.Count > _options.RecentResolved && _resolvedOrder.TryDequeue(out var old))
        {
            _views.TryRemove(old, out _);
        }
    }
}
