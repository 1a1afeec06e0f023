using System.Threading.Channels;
using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// Hosts the pure <see cref="RuleEngine"/>s, one per park: one loop owns them and feeds them, in
/// order, every stored sample (from <see cref="StoredSampleFeed"/>), a tick every <see cref="RulesOptions.TickInterval"/>
/// the users' acknowledge/resolve commands and the registry's changes (<see cref="StationRegistry.Changed"/>,
/// applied between samples, never during one). What it decides goes to the <see cref="AlertBoard"/>,
/// which shows it and tells the <see cref="IRulesListener"/>s (store, live state, hub,
/// notifications); the loop knows none of them. <see cref="AlertBookLoader"/> starts it where it
/// stopped. A single host judges every park from the start; when several instances share the parks
/// (<see cref="IParkOwnership.Shared"/>) it judges only the parks it has taken up
/// (<see cref="IParkCustodian"/>), each rebuilt from storage as at a restart.
/// </summary>
public sealed class AlertService(
    AlertBookLoader loader,
    StoredSampleFeed feed,
    AlertBoard board,
    StationRegistry registry,
    IParkOwnership ownership,
    RulesClock clock,
    ILogger<AlertService> logger) : BackgroundService, IParkCustodian
{
    private readonly Channel<Action<Dictionary<string, RuleEngine>>> _commands = Channel.CreateUnbounded<Action<Dictionary<string, RuleEngine>>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<AlertEvent> _events = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The note on the alerts of a station removed from the registry, closed by <see cref="RuleEngine.SystemUser"/>.</summary>
    public const string RemovedReason = "station removed from the registry";

    /// <summary>The note on the alerts of a station moved to another park, closed by <see cref="RuleEngine.SystemUser"/> in the park it left.</summary>
    public const string MovedReason = "station moved to another park";

    /// <summary>Completes once the alert book is rebuilt and the engine runs.</summary>
    public Task Ready => _ready.Task;

    public Task<AlertView> AcknowledgeAsync(string id, string user, string? note) =>
        RunAsync(engine => engine.Acknowledge(new AlertId(id), user, note), id);

    public Task<AlertView> ResolveAsync(string id, string user, string note) =>
        RunAsync(engine => engine.Resolve(new AlertId(id), user, note), id);

    /// <summary>
    /// Rebuilds the park's engine from storage (its alert book replayed, its stations configured, its
    /// means warmed) and judges the park from then on. The samples warmed are shown on the loop.
    /// </summary>
    public async Task TakeUpAsync(string park, CancellationToken cancellationToken)
    {
        var rebuilt = await loader.RebuildAsync(park, cancellationToken);
        var warmed = new List<(string Park, Sample Sample)>();
        await loader.WarmAsync(rebuilt.Engines, park, (p, sample) => warmed.Add((p, sample)), cancellationToken);
        await RunAsync(engines =>
        {
            engines[park] = rebuilt.Engines[park];
            board.Rebuilt(rebuilt);
            foreach (var (p, sample) in warmed)
            {
                board.Judged(p, sample);
            }

            AlertsLog.TookUp(logger, park, rebuilt.Engines[park].Stations.Count());
        }).WaitAsync(cancellationToken);
    }

    /// <summary>Stops judging the park (its alerts stay as they are, for the next judge to replay).</summary>
    public Task HandOverAsync(string park, bool leaseLost, CancellationToken cancellationToken) =>
        RunAsync(engines =>
        {
            if (engines.Remove(park))
            {
                AlertsLog.HandedOver(logger, park);
            }
        }).WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Before the rebuild reads the registry: a change made meanwhile waits in the queue and is
        // applied over the rebuilt engines (configuring a station again, or removing it again, is harmless).
        registry.Changed += OnStationsChanged;
        try
        {
            var engines = new Dictionary<string, RuleEngine>(StringComparer.Ordinal);
            if (!ownership.Shared)
            {
                var rebuilt = await loader.RebuildAsync(null, stoppingToken);
                board.Rebuilt(rebuilt);
                engines = rebuilt.Engines;
                await loader.WarmAsync(engines, null, board.Judged, stoppingToken);
            }

            _ready.TrySetResult();
            await RunLoopAsync(engines, stoppingToken);
        }
        finally
        {
            registry.Changed -= OnStationsChanged;
        }
    }

    /// <summary>Raised on the replacing thread: queued for the loop, which owns the engines.</summary>
    private void OnStationsChanged(StationChanges changes) => _commands.Writer.TryWrite(engines => Apply(engines, changes));

    /// <summary>
    /// The engine of a park this instance judges: a single host judges every park (a new one gets an
    /// engine over an empty book); a shared instance only the parks it took up.
    /// </summary>
    private RuleEngine? EngineOf(Dictionary<string, RuleEngine> engines, string park) =>
        engines.TryGetValue(park, out var engine) ? engine
        : ownership.Shared ? null
        : loader.EngineFor(engines, park);

    /// <summary>
    /// Added and changed stations are configured (a changed one keeps what its windows learnt when
    /// its report interval is unchanged; every other station is untouched); removed ones are no
    /// longer judged and their alerts are resolved with <see cref="RemovedReason"/>; one moved to
    /// another park leaves its old park's engine, its alerts there resolved with <see cref="MovedReason"/>.
    /// </summary>
    private void Apply(Dictionary<string, RuleEngine> engines, StationChanges changes)
    {
        foreach (var station in changes.Added.Concat(changes.Changed))
        {
            foreach (var (park, other) in engines)
            {
                if (park != station.Park && other.Stations.Any(s => s.Station == station.Station))
                {
                    other.Remove(station.Station, MovedReason, _events);
                    board.Publish(_events, other.Alerts);
                }
            }

            EngineOf(engines, station.Park)?.Configure(station.Profile);
        }

        foreach (var station in changes.Removed)
        {
            if (EngineOf(engines, station.Park) is { } engine)
            {
                engine.Remove(station.Station, RemovedReason, _events);
                board.Publish(_events, engine.Alerts, changes.Removed);
            }
        }

        board.StationsChanged(changes);
        AlertsLog.StationsChanged(logger, changes.Added.Count, changes.Changed.Count, changes.Removed.Count);
    }

    private async Task RunLoopAsync(Dictionary<string, RuleEngine> engines, CancellationToken stoppingToken)
    {
        var nextTick = clock.Now + clock.TickInterval;
        Task<bool>? feedWait = null;
        Task<bool>? commandWait = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            while (_commands.Reader.TryRead(out var command))
            {
                command(engines);
                worked = true;
            }

            for (var n = 0; n < 256 && feed.Reader.TryRead(out var stored); n++)
            {
                Judge(engines, stored);
                worked = true;
            }

            var now = clock.Now;
            if (now >= nextTick)
            {
                foreach (var engine in engines.Values)
                {
                    engine.Tick(_events);
                    board.Publish(_events, engine.Alerts);
                }

                nextTick = now + clock.TickInterval;
            }

            if (worked)
            {
                continue;
            }

            feedWait ??= feed.Reader.WaitToReadAsync(stoppingToken).AsTask();
            commandWait ??= _commands.Reader.WaitToReadAsync(stoppingToken).AsTask();
            var wait = nextTick - now;
            using var delay = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(feedWait, commandWait, Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock.Time, delay.Token));
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

    /// <summary>
    /// Judges one message's worth of stored samples by its park's engine; a park this instance does not
    /// judge (handed over while its last messages were being stored) is left to its next judge, which
    /// warms from storage.
    /// </summary>
    private void Judge(Dictionary<string, RuleEngine> engines, StoredSamples stored)
    {
        if (EngineOf(engines, stored.Park) is not { } engine)
        {
            return;
        }

        if (stored.RefusedRewrite is { } refused)
        {
            engine.ReportConflict(refused.Station, refused.Timestamp, _events);
            board.Publish(_events, engine.Alerts);
        }

        foreach (var sample in stored.Samples)
        {
            try
            {
                engine.Evaluate(sample, _events);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                // A sample the engine cannot take must not stop the judging of every other station.
                AlertsLog.EvaluationFailed(logger, sample.Station, sample.Timestamp, e);
            }

            board.Publish(_events, engine.Alerts);
            board.Judged(stored.Park, sample);
        }
    }

    /// <summary>Runs an action on the loop and waits for it.</summary>
    private Task RunAsync(Action<Dictionary<string, RuleEngine>> action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _commands.Writer.TryWrite(engines =>
        {
            action(engines);
            done.TrySetResult();
        });
        return done.Task;
    }

    /// <summary>A user's command on the engine whose book holds the alert.</summary>
    private Task<AlertView> RunAsync(Func<RuleEngine, AlertEvent> command, string id)
    {
        var done = new TaskCompletionSource<AlertView>(TaskCreationOptions.RunContinuationsAsynchronously);
        _commands.Writer.TryWrite(engines =>
        {
            try
            {
                var engine = engines.Values.FirstOrDefault(e => e.Alerts.TryGet(new AlertId(id), out _))
                    ?? throw (ownership.Shared ? new AlertNotJudgedHereException(id) : new AlertCommandException($"Alert {id} is unknown or resolved."));
                var e = command(engine);
                _events.Add(e);
                board.Publish(_events, engine.Alerts);
                done.TrySetResult(board.TryGet(e.AlertId.Value, out var view) ? view : throw new InvalidOperationException($"No view of {e.AlertId} after {e.Kind}."));
            }
            catch (Exception ex) when (ex is AlertCommandException or AlertNotJudgedHereException)
            {
                done.TrySetException(ex);
            }
        });
        return done.Task;
    }
}

/// <summary>No engine of this instance holds the alert: it is resolved already, or another instance judges its park.</summary>
public sealed class AlertNotJudgedHereException(string id) : Exception($"No engine here holds alert {id}.");
