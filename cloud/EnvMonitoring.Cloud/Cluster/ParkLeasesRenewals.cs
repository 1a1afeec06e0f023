namespace EnvMonitoring.Cloud.Cluster;

/// <summary>The renewals of held leases, and what losing one does.</summary>
internal sealed partial class ParkLeases
{
    /// <summary>Renews every held lease each interval, independently of take-ups and hand-overs in progress.</summary>
    private async Task RenewalsAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_options.RenewInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                HeldPark[] held;
                lock (_gate)
                {
                    held = [.. _held.Values.Where(h => !h.Lost && !h.Releasing)];
                }

                await Task.WhenAll(held.Select(h => RenewAsync(h, ct)));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Every park was handed over: nothing is left to renew.
        }
    }

    private async Task RenewAsync(HeldPark held, CancellationToken ct)
    {
        var sent = _time.GetTimestamp();
        Renewal renewal;
        try
        {
            renewal = await _store.RenewAsync(held.Park, held.Holder, _options.LeaseTime, ct);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            // The next try fails at the latest a renewal interval and a call timeout (as long) from
            // now: if the lease may expire before then, it is lost now, so the hand-over starts
            // before another instance can take the park.
            var left = _options.LeaseTime - _time.GetElapsedTime(held.RenewedFrom);
            if (left <= 2 * _options.RenewInterval)
            {
                await LoseAsync(held, LeaseLoss.Unreachable);
            }
            else
            {
                ClusterLog.RenewFailed(_logger, held.Park, left, e);
            }

            return;
        }

        switch (renewal)
        {
            case Renewal.Renewed:
                held.RenewedFrom = sent;
                break;
            case Renewal.Taken:
                await LoseAsync(held, LeaseLoss.Taken);
                break;
            default:
                await LoseAsync(held, LeaseLoss.Expired);
                break;
        }
    }

    private async Task LoseAsync(HeldPark held, LeaseLoss loss)
    {
        lock (_gate)
        {
            // A release being sent deletes the lease itself: a renewal that then finds it gone lost nothing.
            if (held.Lost || held.Releasing)
            {
                return;
            }

            held.Lost = true;
            held.Owned = false;
            _owned = _owned.Remove(held.Park);
        }

        ClusterLog.LeaseLost(_logger, held.Park, InstanceId, loss, held.Token);
        await held.SignalLostAsync();
    }
}
