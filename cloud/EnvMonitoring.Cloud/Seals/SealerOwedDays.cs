using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>The days before today that sealing owes (<see cref="OwedDays"/>): marked before their data is acknowledged, settled once sealed.</summary>
public sealed partial class Sealer
{
    /// <summary>
    /// The owed days known to be marked in InfluxDB, each with how many queued batches still bring it
    /// data: one is settled only when none does and its book, sealed and written, is forgotten.
    /// </summary>
    private readonly Dictionary<OwedDay, int> _owed = [];
    private readonly Lock _owedLock = new();

    /// <summary>Orders the writes of marks and settlements, so a settlement never overtakes a newer mark.</summary>
    private readonly SemaphoreSlim _owedWrites = new(1, 1);

    /// <summary>
    /// The days before today the batch brings data for, counted as carried by it; those not marked yet
    /// are marked in InfluxDB before the batch goes on to be acknowledged (ingestion tells its listeners
    /// one batch at a time). Today needs no mark: a start always reads it again.
    /// </summary>
    private async Task<OwedDay[]?> OweAsync(IReadOnlyList<StoredSamples> stored, CancellationToken cancellationToken)
    {
        var today = ProvinceTime.StartOf(ProvinceTime.DayOf(time.GetUtcNow()));
        HashSet<OwedDay>? days = null;
        // The day of the last late sample, and when it starts and ends: a batch's late samples are mostly of one day.
        var (lateDay, from, to) = (default(DateOnly), DateTimeOffset.MaxValue, DateTimeOffset.MinValue);
        foreach (var message in stored)
        {
            foreach (var sample in message.Samples)
            {
                if (sample.Timestamp >= today)
                {
                    continue;
                }

                if (sample.Timestamp < from || sample.Timestamp >= to)
                {
                    lateDay = ProvinceTime.DayOf(sample.Timestamp);
                    (from, to) = (ProvinceTime.StartOf(lateDay), ProvinceTime.StartOf(lateDay.AddDays(1)));
                }

                (days ??= []).Add(new OwedDay(message.Park, sample.Station, lateDay));
            }
        }

        if (days is null)
        {
            return null;
        }

        var unmarked = new List<OwedDay>();
        lock (_owedLock)
        {
            foreach (var day in days)
            {
                if (!_owed.TryGetValue(day, out var carried))
                {
                    unmarked.Add(day);
                }

                _owed[day] = carried + 1;
            }
        }

        try
        {
            if (unmarked.Count > 0)
            {
                await _owedWrites.WaitAsync(cancellationToken);
                try
                {
                    await owedDays.MarkAsync(unmarked, owed: true, cancellationToken);
                }
                finally
                {
                    _owedWrites.Release();
                }
            }
        }
        catch
        {
            // The batch goes no further (it is not acknowledged): it carries nothing, and what it did not mark is not marked.
            lock (_owedLock)
            {
                foreach (var day in days)
                {
                    var carried = _owed[day] - 1;
                    if (carried == 0 && unmarked.Contains(day))
                    {
                        _owed.Remove(day);
                    }
                    else
                    {
                        _owed[day] = carried;
                    }
                }
            }

            throw;
        }

        return [.. days];
    }

    /// <summary>Settles an owed day whose book was forgotten (its seals written) unless a queued batch still brings it data.</summary>
    private void Settle(OwedDay day)
    {
        lock (_owedLock)
        {
            if (!_owed.TryGetValue(day, out var carried) || carried > 0)
            {
                return;
            }

            _owed.Remove(day);
        }

        _ = SettleAsync(day);
    }

    private async Task SettleAsync(OwedDay day)
    {
        await _owedWrites.WaitAsync();
        try
        {
            lock (_owedLock)
            {
                // Marked again meanwhile (new late data): it stays owed.
                if (_owed.ContainsKey(day))
                {
                    return;
                }
            }

            using var patience = new CancellationTokenSource(FlushPatience);
            await owedDays.MarkAsync([day], owed: false, patience.Token);
        }
        catch (Exception e) when (e is InfluxException or HttpRequestException or OperationCanceledException)
        {
            // Still marked: the next start reads the day again and finds nothing to seal.
            SealsLog.SettleFailed(logger, day.Station, day.Day, e.Message);
        }
        finally
        {
            _owedWrites.Release();
        }
    }
}
