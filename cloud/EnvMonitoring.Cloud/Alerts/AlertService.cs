using System.Threading.Channels;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// Hosts the pure <see cref="RuleEngine"/>: one loop owns it and feeds it, in order, every stored
/// sample (from <see cref="StoredSampleFeed"/>), a tick every <see cref="RulesOptions.TickInterval"/>
/// the users' acknowledge/resolve commands and the registry's changes (<see cref="StationRegistry.Changed"/>,
/// applied between samples, never during one). What it decides goes to the <see cref="AlertBoard"/>,
/// which shows it and tells the <see cref="IRulesListener"/>s (store, live state, hub,
/// notifications); the loop knows none of them. <see cref="AlertBookLoader"/> starts it where it
/// stopped.
/// </summary>
public sealed class AlertService(
    AlertBookLoader loader,
    StoredSampleFeed feed,
    AlertBoard board,
    StationRegistry registry,
    RulesClock clock,
    ILogger<AlertService> logger) : BackgroundService
{
    private readonly Channel<Action<RuleEngine>> _commands = Channel.CreateUnbounded<Action<RuleEngine>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<AlertEvent> _events = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The note on the alerts of a station removed from the registry, closed by <see cref="RuleEngine.SystemUser"/>.</summary>
    public const string RemovedReason = "station removed from the registry";

    /// <summary>Completes once the alert book is rebuilt and the engine runs.</summary>
    public Task Ready => _ready.Task;

    public Task<AlertView> AcknowledgeAsync(string id, string user, string? note) =>
        RunAsync(engine => engine.Acknowledge(new AlertId(id), user, note));

    public Task<AlertView> ResolveAsync(string id, string user, string note) =>
        RunAsync(engine => engine.Resolve(new AlertId(id), user, note));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Before the rebuild reads the registry: a change made meanwhile waits in the queue and is
        // applied over the rebuilt engine (configuring a station again, or removing it again, is harmless).
        registry.Changed += OnStationsChanged;
        try
        {
            var rebuilt = await loader.RebuildAsync(stoppingToken);
            board.Rebuilt(rebuilt);
            var engine = rebuilt.Engine;
            await loader.WarmAsync(engine, board.Judged, stoppingToken);
            _ready.TrySetResult();
            await RunLoopAsync(engine, stoppingToken);
        }
        finally
        {
            registry.Changed -= OnStationsChanged;
        }
    }

    /// <summary>Raised on the replacing thread: queued for the loop, which owns the engine.</summary>
    private void OnStationsChanged(StationChanges changes) => _commands.Writer.TryWrite(engine => Apply(engine, changes));

    /// <summary>
    /// Added and changed stations are configured (a changed one keeps what its windows learnt when
    /// its report interval is unchanged; every other station is untouched); removed ones are no
    /// longer judged and their alerts are resolved with <see cref="RemovedReason"/>.
    /// </summary>
    private void Apply(RuleEngine engine, StationChanges changes)
    {
        foreach (var station in changes.Added.Concat(changes.Changed))
        {
            engine.Configure(station.Profile);
        }

        foreach (var station in changes.Removed)
        {
            engine.Remove(station.Station, RemovedReason, _events);
        }

        board.Publish(_events, engine.Alerts, changes.Removed);
        board.StationsChanged(changes);
        AlertsLog.StationsChanged(logger, changes.Added.Count, changes.Changed.Count, changes.Removed.Count);
    }

    private async Task RunLoopAsync(RuleEngine engine, CancellationToken stoppingToken)
    {
        var nextTick = clock.Now + clock.TickInterval;
        Task<bool>? feedWait = null;
        Task<bool>? commandWait = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            while (_commands.Reader.TryRead(out var command))
            {
                command(engine);
                worked = true;
            }

            for (var n = 0; n < 256 && feed.Reader.TryRead(out var stored); n++)
            {
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

                worked = true;
            }

            var now = clock.Now;
            if (now >= nextTick)
            {
                engine.Tick(_events);
                board.Publish(_events, engine.Alerts);
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

    private Task<AlertView> RunAsync(Func<RuleEngine, AlertEvent> command)
    {
        var done = new TaskCompletionSource<AlertView>(TaskCreationOptions.RunContinuationsAsynchronously);
        _commands.Writer.TryWrite(engine =>
        {
            try
            {
                var e = command(engine);
                _events.Add(e);
                board.Publish(_events, engine.Alerts);
                done.TrySetResult(board.TryGet(e.AlertId.Value, out var view) ? view : throw new InvalidOperationException($"No view of {e.AlertId} after {e.Kind}."));
            }
            catch (AlertCommandException ex)
            {
                done.TrySetException(ex);
            }
        });
        return done.Task;
    }
}
