using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Retry;

namespace EnvMonitoring.Cloud.Annotations;

/// <summary>
/// Every annotation as it stands, in memory so reads are cheap: folded from the
/// <see cref="AnnotationJournal"/> at start (retried while InfluxDB cannot be read), then kept by
/// the steps it takes. A step is checked, queued in the journal and folded under one lock, so two
/// inspectors cannot both decide one annotation. Readers that come before the rebuild wait for it.
/// </summary>
public sealed class AnnotationBook(AnnotationJournal journal, TimeProvider time, ILogger<AnnotationBook> logger) : BackgroundService
{
    /// <summary>Rebuilding waits for InfluxDB: soon at first, at most every 10 s.</summary>
    private static readonly RetrySchedule RebuildRetry = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Annotation> _byId = new(StringComparer.Ordinal);
    private Once? _loaded;

    /// <summary>Waits until the book is rebuilt from the journal (the first caller reads it).</summary>
    public Task ReadyAsync(CancellationToken cancellationToken) =>
        LazyInitializer.EnsureInitialized(ref _loaded, () => new Once(LoadAsync)).RunAsync(cancellationToken);

    /// <summary>The annotations that match, oldest proposal first.</summary>
    public async Task<List<Annotation>> FindAsync(Func<Annotation, bool> match, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        await ReadyAsync(cancellationToken);
        lock (_gate)
        {
            return [.. _byId.Values.Where(match).OrderBy(a => a.ProposedAt).ThenBy(a => a.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>The annotation <paramref name="id"/>, or null.</summary>
    public async Task<Annotation?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>Records a new pending annotation of <paramref name="user"/>.</summary>
    public async Task<Annotation> ProposeAsync(string park, string station, AnnotationProposal proposal, string note, string user, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        var step = new AnnotationStep(Guid.CreateVersion7().ToString("N"), AnnotationStepKind.Proposed, time.GetUtcNow(), user, park, station, note) { Proposal = proposal };
        lock (_gate)
        {
            return Take(step, null);
        }
    }

    /// <summary>
    /// Approves, rejects or withdraws pending annotation <paramref name="id"/> as <paramref name="user"/>;
    /// <see cref="AnnotationRefusedException"/> when the annotation is decided or the step is not theirs to take.
    /// Null when there is no such annotation.
    /// </summary>
    public async Task<Annotation?> DecideAsync(string id, AnnotationStepKind kind, string user, string? note, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(kind, AnnotationStepKind.Proposed);
        await ReadyAsync(cancellationToken);
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var current))
            {
                return null;
            }

            if (current.State != AnnotationState.Pending)
            {
                throw new AnnotationRefusedException(AnnotationRefusal.NotPending, $"The annotation is {WireName.Of(current.State)} already; only a pending one can be {WireName.Of(kind)}.");
            }

            if (kind == AnnotationStepKind.Withdrawn && current.ProposedBy != user)
            {
                throw new AnnotationRefusedException(AnnotationRefusal.NotAuthor, "Only the author of an annotation can withdraw it.");
            }

            if (kind != AnnotationStepKind.Withdrawn && current.ProposedBy == user)
            {
                throw new AnnotationRefusedException(AnnotationRefusal.OwnAnnotation, "An annotation is decided by someone other than its author.");
            }

            return Take(new AnnotationStep(id, kind, time.GetUtcNow(), user, current.Park, current.Station, note), current);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = RebuildRetry.Start(time);
        while (true)
        {
            try
            {
                await ReadyAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is InfluxException or HttpRequestException && !stoppingToken.IsCancellationRequested)
            {
                AnnotationsLog.RebuildFailed(logger, e.Message);
                await backoff.WaitNextAsync(stoppingToken);
            }
        }
    }

    /// <summary>Queues the step for the journal and folds it; under the lock.</summary>
    private Annotation Take(AnnotationStep step, Annotation? current)
    {
        journal.Append(step);
        var next = Annotation.Apply(current, step)!;
        _byId[next.Id] = next;
        AnnotationsLog.Stepped(logger, next.Id, next.Station, next.Parameter, WireName.Of(step.Kind), step.User);
        return next;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var steps = await journal.ReadAllAsync(cancellationToken);
        lock (_gate)
        {
            foreach (var step in steps)
            {
                if (Annotation.Apply(_byId.GetValueOrDefault(step.Id), step) is { } next)
                {
                    _byId[step.Id] = next;
                }
            }

            AnnotationsLog.Rebuilt(logger, steps.Count, _byId.Count, _byId.Values.Count(a => a.State == AnnotationState.Pending));
        }
    }
}
