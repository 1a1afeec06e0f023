namespace EnvMonitoring.Cloud.Cluster;

/// <summary>
/// A held park's custody: every custodian takes it up (in order), it is owned, then handed over
/// (in reverse order) and its lease released; a lost lease cuts it short.
/// </summary>
internal sealed partial class ParkLeases
{
    /// <summary>The park's custody, from the lease gained to the lease released or lost. Never throws: it is awaited on stop.</summary>
    private async Task KeepAsync(HeldPark held, CancellationToken stoppingToken)
    {
        try
        {
            var takenUp = await TakeUpAsync(held, stoppingToken);
            if (takenUp == _custodians.Value.Length && Own(held))
            {
                ClusterLog.TakenUp(_logger, held.Park, InstanceId, held.Token);
                RaiseChanged();
                await held.GivingUp;
            }
            else if (takenUp < _custodians.Value.Length)
            {
                lock (_gate)
                {
                    held.GiveUp("its take-up did not complete");
                }
            }

            await HandOverAsync(held, takenUp);
        }
        catch (Exception e)
        {
            // A fault of ours, not a custodian's (theirs are caught where they are called): the
            // custody must still end, so the park can be taken again once its lease expires.
            ClusterLog.CustodyFailed(_logger, held.Park, e);
        }
        finally
        {
            lock (_gate)
            {
                _held.Remove(held.Park);
            }

            held.Dispose();
        }
    }

    /// <summary>Calls every custodian's take-up in order; how many took the park up.</summary>
    private async Task<int> TakeUpAsync(HeldPark held, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(held.LostToken, stoppingToken, _abort.Token);
        var takenUp = 0;
        try
        {
            foreach (var custodian in _custodians.Value)
            {
                await custodian.TakeUpAsync(held.Park, cancel.Token);
                takenUp++;
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Lost or stopping: the custodians that took it up hand it over.
        }
        catch (Exception e)
        {
            ClusterLog.TakeUpFailed(_logger, held.Park, _custodians.Value[takenUp].GetType().Name, e);
        }

        return takenUp;
    }

    /// <summary>Owned from now, unless the lease was lost or the park given up meanwhile.</summary>
    private bool Own(HeldPark held)
    {
        lock (_gate)
        {
            if (held.Lost || held.GiveUpReason is not null)
            {
                return false;
            }

            held.Owned = held.WasOwned = true;
            _owned = _owned.Add(held.Park);
            return true;
        }
    }

    /// <summary>
    /// Hands the park over (custodians in reverse order), then releases the lease unless it was
    /// lost. A lease lost during a graceful hand-over cancels it, and the custodians not yet
    /// called are told the lease is lost.
    /// </summary>
    private async Task HandOverAsync(HeldPark held, int takenUp)
    {
        lock (_gate)
        {
            held.Owned = false;
            _owned = _owned.Remove(held.Park);
        }

        using var graceful = CancellationTokenSource.CreateLinkedTokenSource(held.LostToken, _abort.Token);
        for (var i = takenUp - 1; i >= 0; i--)
        {
            var lost = held.Lost;
            try
            {
                await _custodians.Value[i].HandOverAsync(held.Park, lost, lost ? _abort.Token : graceful.Token);
            }
            catch (Exception e)
            {
                // The others still hand it over: a failing custodian must not keep the park from moving.
                ClusterLog.HandOverFailed(_logger, held.Park, _custodians.Value[i].GetType().Name, lost, e);
            }
        }

        if (await ReleaseAsync(held))
        {
            ClusterLog.HandedOver(_logger, held.Park, InstanceId, held.GiveUpReason ?? "given up", held.Token);
        }
        else
        {
            ClusterLog.HandedOverLost(_logger, held.Park, InstanceId, held.Token);
        }

        if (held.WasOwned)
        {
            RaiseChanged();
        }
    }

    /// <summary>Deletes the lease if still held; false when it was lost.</summary>
    private async Task<bool> ReleaseAsync(HeldPark held)
    {
        lock (_gate)
        {
            if (held.Lost)
            {
                return false;
            }

            held.Releasing = true;
        }

        // Worth waiting for as long as the lease would otherwise keep the park from the others (a
        // renewal's bound, the renewal interval, made releases at a busy instance's stop time out).
        var left = _options.LeaseTime - _time.GetElapsedTime(held.RenewedFrom);
        try
        {
            await _store.ReleaseAsync(held.Park, held.Holder, left > _options.RenewInterval ? left : _options.RenewInterval, CancellationToken.None);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            ClusterLog.ReleaseFailed(_logger, held.Park, e);
        }

        return true;
    }

    private void RaiseChanged()
    {
        try
        {
            Changed?.Invoke();
        }
        catch (Exception e)
        {
            // A listener's fault must not stop the park's custody half-way.
            ClusterLog.ChangedHandlerFailed(_logger, e);
        }
    }
}
