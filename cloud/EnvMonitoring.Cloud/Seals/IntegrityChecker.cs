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

    /// <summary>The stored seal versions of each day, unchecked: what a long report names.</summary>
    public Task<Dictionary<DateOnly, List<SignedSeal>>> SealsAsync(string station, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        store.ReadAsync(station, from, to, cancellationToken);

    public async Task<List<DayIntegrity>> CheckAsync(string station, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"A check covers 1 to {MaxDays} days.");
        }

        var published = trusted();
        var seals = await store.ReadAsync(station, from, to, cancellationToken);
        var today = ProvinceTime.DayOf(time.GetUtcNow());
        var days = new List<DayIntegrity>();
        for (var day = from; day <= to && day <= today; day = day.AddDays(1))
        {
            var stored = await reader.ReadAsync(station, day, cancellationToken);
            var daySeals = seals.GetValueOrDefault(day) ?? [];
            // A day without any seal was never sealed (it predates sealing, or sealing was off): its data
            // is unsealed, not inserted; once a day has a seal, what no seal covers must be waiting.
            Func<SealKey, bool> awaiting = sealer is not null && sealer.Seals(station) && daySeals.Count > 0
                ? (await sealer.AwaitingAsync(station, day, cancellationToken)).Contains
                : SealCheck.AwaitingUnlessClosed(daySeals);
            days.Add(SealCheck.Verify(station, day, daySeals, published, stored, awaiting));
        }

        return days;
    }
}
