using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>
/// Recomputes a station's days from what InfluxDB holds now and checks them against their seals
/// (<see cref="SealCheck"/>) with the keys trusted (in the host, the centre's published keys): <c>GET /api/integrity</c> and
/// <c>./envmon verify-seals</c> answer through it. Inside the host the sealer says what is waiting for
/// the next seal; without it (the command line, or a station another instance seals, docs/scale.md),
/// unsealed items of a day not closed yet are taken as waiting, of a closed day as inserted. A day
/// without any seal is unsealed.
/// </summary>
public sealed class IntegrityChecker(SealStore store, DayReader reader, Func<SealKeys> trusted, TimeProvider time, Sealer? sealer = null)
{
    /// <summary>The longest range checked at once.</summary>
    public const int MaxDays = 92;

    /// <summary>The seal versions of each day (<see cref="SealStore.MadeAsync"/>), unchecked: what a long report names.</summary>
    public Task<Dictionary<DateOnly, List<SignedSeal>>> SealsAsync(string station, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        store.MadeAsync(station, from, to, cancellationToken);

    public async Task<List<DayIntegrity>> CheckAsync(string station, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"A check covers 1 to {MaxDays} days.");
        }

        // In this order, so an item moving on meanwhile is found at its next place, never nowhere: what
        // is stored; what the sealer holds for its next seal; the seals (those not yet written, then those stored).
        var today = ProvinceTime.DayOf(time.GetUtcNow());
        var last = to < today ? to : today;
        var sealsHere = sealer is not null && sealer.Seals(station);
        var read = new List<(DateOnly Day, List<StoredItem> Stored, HashSet<SealKey>? Waiting)>();
        for (var day = from; day <= last; day = day.AddDays(1))
        {
            var stored = await reader.ReadAsync(station, day, cancellationToken);
            read.Add((day, stored, sealsHere ? await sealer!.AwaitingAsync(station, day, cancellationToken) : null));
        }

        var seals = await store.MadeAsync(station, from, to, cancellationToken);
        var published = trusted();
        var days = new List<DayIntegrity>();
        foreach (var (day, stored, waiting) in read)
        {
            var daySeals = seals.GetValueOrDefault(day) ?? [];
            // A day without any seal was never sealed (it predates sealing, or sealing was off): its data
            // is unsealed, not inserted; once a day has a seal, what no seal covers must be waiting.
            Func<SealKey, bool> awaiting = waiting is not null && daySeals.Count > 0 ? waiting.Contains : SealCheck.AwaitingUnlessClosed(daySeals);
            days.Add(SealCheck.Verify(station, day, daySeals, published, stored, awaiting));
        }

        return days;
    }
}
