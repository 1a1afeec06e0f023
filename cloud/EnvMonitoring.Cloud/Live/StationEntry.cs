using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Rules.Condition;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Live;

/// <summary>
/// One station of the live picture: its latest values, and the next instant at which the clock
/// alone changes what its view says (offline, a parameter silent, stale), so the hub can send it
/// again then although nothing arrived. Guarded by its own lock.
/// </summary>
internal sealed class StationEntry(string park, string station, RegisteredStation? registered)
{
    private long _clockChangeTicks = long.MaxValue;

    /// <summary>Set again (under the lock) when the station moves to another park; read without it, a reference being read whole.</summary>
    public string Park { get; private set; } = park;

    public string Station { get; } = station;

    public RegisteredStation? Registered { get; private set; } = registered;

    public RuleSettings Settings => Registered?.Profile.Settings ?? RuleSettings.Default;

    public DateTimeOffset? LastMeasuredAt { get; set; }

    public DateTimeOffset? LastReceivedAt { get; set; }

    public Dictionary<string, ParameterLive> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes the station's new registration (call under the lock): its latest values are judged again
    /// against the new limits, so the view does not show the old ones' verdicts until the next reading.
    /// </summary>
    public void Register(RegisteredStation registered, DateTimeOffset now)
    {
        (Park, Registered) = (registered.Park, registered);
        foreach (var live in Values.Values)
        {
            live.Rejudge(registered.Profile.LimitFor(live.Reading.Parameter), Settings);
        }

        PlanClock(now);
    }

    /// <summary>True once the clock has passed the next instant that changes the view (read without the lock: a long is read whole).</summary>
    public bool ClockChanged(DateTimeOffset now) => now.UtcTicks > Volatile.Read(ref _clockChangeTicks);

    /// <summary>Finds the next instant after <paramref name="now"/> at which the view changes by the clock alone (call under the lock).</summary>
    public void PlanClock(DateTimeOffset now)
    {
        var next = long.MaxValue;
        if (LastMeasuredAt is { } measured)
        {
            var settings = Settings;
            Consider(measured + settings.OfflineAfter);
            Consider(measured + (LiveJudgement.StaleAfterIntervals * (Registered?.ExpectedInterval ?? LiveJudgement.DefaultExpectedInterval)));
            foreach (var value in Values.Values)
            {
                Consider(value.MeasuredAt + settings.SilentAfter);
            }
        }

        Volatile.Write(ref _clockChangeTicks, next);

        void Consider(DateTimeOffset at)
        {
            if (at > now && at.UtcTicks < next)
            {
                next = at.UtcTicks;
            }
        }
    }
}
