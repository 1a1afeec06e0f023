namespace EnvMonitoring.Edge.Forwarding;

/// <summary>
/// Which sent batches the cloud has not acknowledged yet, and so how far the log may be truncated:
/// up to the start of the oldest unacknowledged batch, and never past what a reader has not yet
/// sent. Live and replay readers send from different parts of the log at once, so acks arrive
/// out of address order; only the safe prefix is released.
/// </summary>
internal sealed class BatchTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, SentBatch> _outstanding = [];
    private long _replayFrontier;
    private long _liveFrontier;
    private bool _replayDone;

    public BatchTracker(long replayFrom, long liveFrom)
    {
        _replayFrontier = replayFrom;
        _liveFrontier = liveFrom;
        _replayDone = replayFrom >= liveFrom;
    }

    public int Outstanding
    {
        get
        {
            lock (_gate)
            {
                return _outstanding.Count;
            }
        }
    }

    public void Sent(SentBatch batch)
    {
        lock (_gate)
        {
            _outstanding[batch.Number] = batch;
            if (batch.Replay)
            {
                _replayFrontier = batch.End;
            }
            else
            {
                _liveFrontier = batch.End;
            }
        }
    }

    public void ReplayFinished()
    {
        lock (_gate)
        {
            _replayDone = true;
        }
    }

    /// <summary>Marks a batch acknowledged; null when it is not one of ours (an ack from an earlier session).</summary>
    public SentBatch? Acknowledged(long number)
    {
        lock (_gate)
        {
            return _outstanding.Remove(number, out var batch) ? batch : null;
        }
    }

    /// <summary>The oldest unacknowledged batch, for the ack timeout.</summary>
    public SentBatch? Oldest()
    {
        lock (_gate)
        {
            return _outstanding.Count == 0 ? null : _outstanding.Values.MinBy(b => b.SentAt);
        }
    }

    /// <summary>The address before which everything is acknowledged.</summary>
    public long SafeTruncationPoint()
    {
        lock (_gate)
        {
            var point = _liveFrontier;
            if (!_replayDone)
            {
                point = Math.Min(point, _replayFrontier);
            }

            foreach (var batch in _outstanding.Values)
            {
                point = Math.Min(point, batch.Start);
            }

            return point;
        }
    }
}
