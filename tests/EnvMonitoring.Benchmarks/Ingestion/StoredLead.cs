namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// Keeps station publishers at most a fixed number of samples ahead of what the cloud hosts say they
/// stored (<c>samplesWritten</c> of each one's <c>/api/health</c>, polled and summed: one host, or
/// every instance of a cluster, each storing the parks it judges). Stations have no application-level
/// ack, and the broker PUBACKs as soon as it has queued a message, so without this the publishers
/// would outrun ingestion and the host's memory would measure the broker's backlog, not ingestion —
/// the station-side counterpart of (b)'s gateway window.
/// </summary>
internal sealed class StoredLead(IReadOnlyList<CloudHostProcess> hosts, int limit, long storedBefore)
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

    /// <summary>Polls the hosts until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (true)
        {
            if (await StoredAsync(ct) is { } stored)
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

    /// <summary>What every host stored together; null when one did not answer in time.</summary>
    private async Task<long?> StoredAsync(CancellationToken ct)
    {
        var written = await Task.WhenAll(hosts.Select(h => h.SamplesWrittenAsync(ct)));
        return written.Any(w => w is null) ? null : written.Sum(w => w!.Value);
    }
}
