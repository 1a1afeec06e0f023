namespace EnvMonitoring.Cloud.Cluster;

/// <summary>
/// One park whose lease this instance holds, from its acquisition until it is released or lost.
/// The flags change under <see cref="ParkLeases"/>' lock; the tokens and the signal tell the
/// park's custody (<see cref="ParkLeases"/>' KeepAsync) when to stop.
/// </summary>
internal sealed class HeldPark(string park, long token, string holder, long renewedFrom) : IDisposable
{
    private readonly CancellationTokenSource _lost = new();
    private readonly TaskCompletionSource _giveUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Park { get; } = park;

    /// <summary>The fencing token: each new lease of the park has a higher one.</summary>
    public long Token { get; } = token;

    /// <summary>The lease's value in Redis, <c>{instance}/{token}</c>.</summary>
    public string Holder { get; } = holder;

    /// <summary>When the last renewal that succeeded was sent (<see cref="TimeProvider.GetTimestamp"/>): the lease lasts at least the lease time from then.</summary>
    public long RenewedFrom { get; set; } = renewedFrom;

    /// <summary>The custody of the park: take-up, ownership, hand-over, release. Awaited on stop.</summary>
    public Task Custody { get; set; } = Task.CompletedTask;

    /// <summary>Every custodian took it up and the hand-over has not started.</summary>
    public bool Owned { get; set; }

    /// <summary>It was owned once: its hand-over (or loss) is a change listeners hear of.</summary>
    public bool WasOwned { get; set; }

    /// <summary>Why it is to be given up, once asked.</summary>
    public string? GiveUpReason { get; private set; }

    /// <summary>The lease was lost: renewal found it gone or taken, or Redis stayed silent too long.</summary>
    public bool Lost { get; set; }

    /// <summary>The release is being sent: renewals no longer apply, and their answers mean nothing.</summary>
    public bool Releasing { get; set; }

    /// <summary>Cancelled when the lease is lost.</summary>
    public CancellationToken LostToken => _lost.Token;

    /// <summary>Completes when the park is to be given up or its lease was lost.</summary>
    public Task GivingUp => _giveUp.Task;

    /// <summary>Asks the custody to hand the park over; the first reason stays.</summary>
    public void GiveUp(string reason)
    {
        GiveUpReason ??= reason;
        _giveUp.TrySetResult();
    }

    /// <summary>After <see cref="Lost"/> was set: a take-up in progress is cancelled, the hand-over starts at once.</summary>
    public async Task SignalLostAsync()
    {
        _giveUp.TrySetResult();
        await _lost.CancelAsync();
    }

    public void Dispose() => _lost.Dispose();
}
