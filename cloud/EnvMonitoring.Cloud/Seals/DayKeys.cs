using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>
/// The keys of one station-day already sealed or waiting, so a repeat is not sealed twice, in little
/// memory: sample times on a whole second are one bit of a day's 86,400 (11 KB per station-day,
/// whatever the rate); other milliseconds and event sequence numbers go to small sets.
/// </summary>
internal sealed class DayKeys(long dayStartMilliseconds)
{
    private const int SecondsPerDay = 86_400;
    private readonly ulong[] _seconds = new ulong[SecondsPerDay / 64];
    private readonly HashSet<long> _other = [];
    private readonly HashSet<long> _events = [];

    /// <summary>Adds the key; whether it was not there yet.</summary>
    public bool Add(SealKey key)
    {
        if (key.Kind == SealItemKind.Event)
        {
            return _events.Add(key.Value);
        }

        var offset = key.Value - dayStartMilliseconds;
        if (offset >= 0 && offset % 1000 == 0 && offset / 1000 < SecondsPerDay)
        {
            var second = (int)(offset / 1000);
            ref var word = ref _seconds[second >> 6];
            var bit = 1UL << second;
            if ((word & bit) != 0)
            {
                return false;
            }

            word |= bit;
            return true;
        }

        return _other.Add(key.Value);
    }
}
