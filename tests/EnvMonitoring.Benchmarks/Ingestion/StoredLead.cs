namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// Keeps station publishers at most a fixed number of samples ahead of what the cloud host says it
/// stored (<c>samplesWritten</c> of <c>/api/health</c>, polled). Stations have no application-level
/// ack, and the broker PUBACKs as soon as it has queued a message, so without this the publishers
/// would outrun ingestion and the host's memory would measure the broker's backlog, not ingestion —
/// the station-side counterpart of (b)'s gateway window.
/// </summary>
internal sealed class StoredLead(CloudHostProcess host, int limit, long storedBefore)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private TaskCompletionSource _polled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // The host's samplesWritten counts what it stored before (a warm-up) too.
    private long _admitted = storedBefore;
    private long _stored;
    private long _maxLead;

    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>The largest lead seen at a poll: samples admitted for publishing but not yet stored.</summary>
    public long MaxLead => Interlocked.Read(ref _maxLead);

    /// <summary>Waits until one more sample may be published.</summary>
    public async ValueTask AdmitAsync(CancellationToken ct)
    {
        while (Interlocked.Read(ref _admitted) - Interlocked.Read(ref _stored) >= limit)
        {
            await Volatile.Read(ref _polled).Task.WaitAsync(ct);
        }

        Interlocked.Increment(ref _admitted);
    }

    /// <summary>Polls the host until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (true)
        {
            if (await host.SamplesWrittenAsync(ct) is { } stored)
            {
                Interlocked.Exchange(ref _stored, stored);
                var lead = Interlocked.Read(ref _admitted) - stored;
                if (lead > Interlocked.Read(ref _maxLead))
                {
                    Interlocked.Exchange(ref _maxLead, lead);
                }
            }

            // Wake every waiting publisher to look again, whether or not the figure moved.
            Interlocked.Exchange(ref _polled, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            await Task.Delay(PollInterval, ct);
        }
    }
}
