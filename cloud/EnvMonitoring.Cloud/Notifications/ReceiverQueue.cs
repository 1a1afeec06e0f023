using System.Threading.Channels;
using EnvMonitoring.Cloud.Notifications.Outbox;
using EnvMonitoring.Protocol.Retry;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// One receiver's deliveries: kept in its <see cref="ReceiverOutbox"/> on disk from the moment they
/// are queued until they are delivered, refused or <see cref="NotificationOptions.RetryFor"/> has
/// passed (so a restart or a crash loses none: they go out after it, at least once, with the same
/// delivery id), bounded (<see cref="NotificationOptions.QueueCapacity"/> waiting: beyond that a new
/// one is refused, logged as an error and counted, and the waiting ones are kept), split into lanes
/// by alert so the events of one alert arrive in order while other alerts go on, each delivery
/// retried with <see cref="RetrySchedule"/>.
/// </summary>
internal sealed class ReceiverQueue : IDisposable
{
    /// <summary>±50%: receivers coming back after an outage are not hit by every delivery at once.</summary>
    private const double Jitter = 0.5;

    private readonly Channel<OutboxEntry>[] _lanes;
    private readonly ReceiverOutbox _outbox;
    private readonly NotificationOptions _options;
    private readonly RetrySchedule _schedule;
    private readonly NotificationMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _sent;
    private long _failed;
    private long _retried;
    private long _dropped;

    /// <param name="receiver">The receiver.</param>
    /// <param name="outbox">Its outbox, just opened.</param>
    /// <param name="waiting">What the outbox still held at open, oldest first: delivered before anything new.</param>
    /// <param name="options">Retry and lane settings.</param>
    /// <param name="metrics">Counters.</param>
    /// <param name="time">The clock of retries.</param>
    /// <param name="logger">Where deliveries are logged.</param>
    public ReceiverQueue(
        INotificationReceiver receiver, ReceiverOutbox outbox, IReadOnlyList<OutboxEntry> waiting, NotificationOptions options, NotificationMetrics metrics, TimeProvider time, ILogger logger)
    {
        Receiver = receiver;
        _outbox = outbox;
        _options = options;
        _schedule = new RetrySchedule(options.FirstRetryDelay, options.MaxRetryDelay, Jitter);
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _lanes = new Channel<OutboxEntry>[options.LanesPerReceiver];
        for (var i = 0; i < _lanes.Length; i++)
        {
            // Unbounded per lane; the receiver's bound is its outbox's capacity, across its lanes.
            _lanes[i] = Channel.CreateUnbounded<OutboxEntry>(new UnboundedChannelOptions { SingleReader = true });
        }

        if (waiting.Count > 0)
        {
            NotificationLog.OutboxRecovered(logger, receiver.Channel, receiver.Name, waiting.Count);
        }

        foreach (var entry in waiting)
        {
            LaneOf(entry).Writer.TryWrite(entry);
        }
    }

    public INotificationReceiver Receiver { get; }

    /// <summary>Deliveries waiting in the outbox: queued or under way.</summary>
    public int Pending => _outbox.Count;

    /// <summary>The most deliveries that may wait.</summary>
    public int Capacity => _outbox.Capacity;

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Notices refused because the outbox was full (or could not be written).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Keeps the delivery in the outbox (on disk) and queues it, without waiting for the receiver;
    /// false (counted and logged as an error) when the outbox is full or cannot be written.
    /// </summary>
    public bool TryEnqueue(Delivery delivery)
    {
        var e = delivery.Notice.Event;
        OutboxEntry entry;
        try
        {
            if (!_outbox.TryAppend(delivery, out entry))
            {
                Refused();
                NotificationLog.OutboxFull(_logger, Receiver.Channel, Receiver.Name, _outbox.Capacity, e.Kind, e.AlertId);
                return false;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Refused();
            NotificationLog.OutboxWriteFailed(_logger, Receiver.Channel, Receiver.Name, e.Kind, e.AlertId, exception);
            return false;
        }

        if (!LaneOf(entry).Writer.TryWrite(entry))
        {
            // Shutting down: the outbox has it, the next start delivers it.
            NotificationLog.AfterShutdown(_logger, e.Kind, e.AlertId);
        }

        return true;
    }

    /// <summary>No more deliveries are accepted; the lanes finish what they hold.</summary>
    public void Complete()
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }
    }

    /// <summary>Delivers until <see cref="Complete"/> and the lanes are empty, or until <paramref name="abort"/>.</summary>
    public Task RunAsync(CancellationToken abort) => Task.WhenAll(_lanes.Select(lane => RunLaneAsync(lane.Reader, abort)));

    public void Dispose() => _outbox.Dispose();

    private async Task RunLaneAsync(ChannelReader<OutboxEntry> lane, CancellationToken abort)
    {
        await foreach (var entry in lane.ReadAllAsync(abort))
        {
            // Settled once delivered, refused or given up; a shutdown (abort) leaves it for the next start.
            await DeliverAsync(entry.Delivery, abort);
            _outbox.Settle(entry.Sequence);
        }
    }

    private Channel<OutboxEntry> LaneOf(OutboxEntry entry) =>
        _lanes[(int)((uint)entry.Delivery.Notice.Event.AlertId.Value.GetHashCode(StringComparison.Ordinal) % (uint)_lanes.Length)];

    private void Refused()
    {
        Interlocked.Increment(ref _dropped);
        _metrics.Dropped(Receiver);
    }

    private async Task DeliverAsync(Delivery delivery, CancellationToken abort)
    {
        var e = delivery.Notice.Event;
        var started = _time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            DeliveryOutcome outcome;
            try
            {
                outcome = await Receiver.SendAsync(delivery, abort);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                // A bug, not a receiver's answer: visible, counted, and not retried in a loop.
                Interlocked.Increment(ref _failed);
                _metrics.Failed(Receiver);
                NotificationLog.Crashed(_logger, Receiver.Channel, Receiver.Name, e.Kind, e.AlertId, exception);
                return;
            }

            switch (outcome.Result)
            {
                case DeliveryResult.Delivered:
                    Interlocked.Increment(ref _sent);
                    _metrics.Sent(Receiver);
                    NotificationLog.Delivered(_logger, Receiver.Channel, Receiver.Name, e.Kind, e.AlertId, delivery.Id, attempt, outcome.Detail);
                    return;
                case DeliveryResult.Permanent:
                    Interlocked.Increment(ref _failed);
                    _metrics.Failed(Receiver);
                    NotificationLog.Refused(_logger, Receiver.Channel, Receiver.Name, e.Kind, e.AlertId, delivery.Id, outcome.Detail);
                    return;
            }

            var delay = _schedule.Delay(attempt, outcome.RetryAfter);
            var elapsed = _time.GetElapsedTime(started);
            if (elapsed + delay > _options.RetryFor)
            {
                Interlocked.Increment(ref _failed);
                _metrics.Failed(Receiver);
                NotificationLog.GaveUp(_logger, Receiver.Channel, Receiver.Name, e.Kind, e.AlertId, delivery.Id, attempt, elapsed, outcome.Detail);
                return;
            }

            Interlocked.Increment(ref _retried);
            _metrics.Retried(Receiver);
            NotificationLog.Retrying(_logger, Receiver.Channel, Receiver.Name, e.Kind, e.AlertId, outcome.Detail, attempt, delay);
            await Task.Delay(delay, _time, abort);
        }
    }
}
