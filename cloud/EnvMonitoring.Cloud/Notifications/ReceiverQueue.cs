using System.Threading.Channels;
using EnvMonitoring.Protocol.Retry;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// One receiver's deliveries: bounded (<see cref="NotificationOptions.QueueCapacity"/> queued or
/// under way), split into lanes by alert so the events of one alert arrive in order while other
/// alerts go on, each delivery retried with <see cref="RetrySchedule"/> until it is delivered,
/// refused or <see cref="NotificationOptions.RetryFor"/> has passed.
/// </summary>
internal sealed class ReceiverQueue
{
    /// <summary>±50%: receivers coming back after an outage are not hit by every delivery at once.</summary>
    private const double Jitter = 0.5;

    private readonly Channel<Delivery>[] _lanes;
    private readonly NotificationOptions _options;
    private readonly RetrySchedule _schedule;
    private readonly NotificationMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _pending;
    private long _sent;
    private long _failed;
    private long _retried;
    private long _dropped;

    public ReceiverQueue(INotificationReceiver receiver, NotificationOptions options, NotificationMetrics metrics, TimeProvider time, ILogger logger)
    {
        Receiver = receiver;
        _options = options;
        _schedule = new RetrySchedule(options.FirstRetryDelay, options.MaxRetryDelay, Jitter);
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _lanes = new Channel<Delivery>[options.LanesPerReceiver];
        for (var i = 0; i < _lanes.Length; i++)
        {
            // Unbounded per lane; the receiver's bound is _pending, counted across its lanes.
            _lanes[i] = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });
        }
    }

    public INotificationReceiver Receiver { get; }

    /// <summary>Deliveries queued or under way.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public long Retried => Interlocked.Read(ref _retried);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues without waiting; false (counted and logged) when the receiver's queue is full or closed.</summary>
    public bool TryEnqueue(Delivery delivery)
    {
        var e = delivery.Notice.Event;
        if (Interlocked.Increment(ref _pending) > _options.QueueCapacity)
        {
            Interlocked.Decrement(ref _pending);
            Interlocked.Increment(ref _dropped);
            _metrics.Dropped(Receiver);
            NotificationLog.Dropped(_logger, Receiver.Channel, Receiver.Name, _options.QueueCapacity, e.Kind, e.AlertId);
            return false;
        }

        var lane = _lanes[(int)((uint)e.AlertId.Value.GetHashCode(StringComparison.Ordinal) % (uint)_lanes.Length)];
        if (!lane.Writer.TryWrite(delivery))
        {
            Interlocked.Decrement(ref _pending);
            Interlocked.Increment(ref _dropped);
            _metrics.Dropped(Receiver);
            NotificationLog.AfterShutdown(_logger, e.Kind, e.AlertId);
            return false;
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

    private async Task RunLaneAsync(ChannelReader<Delivery> lane, CancellationToken abort)
    {
        await foreach (var delivery in lane.ReadAllAsync(abort))
        {
            try
            {
                await DeliverAsync(delivery, abort);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
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
