using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// Told, in order and on the rules loop, what the rules judged and decided: the alert store, the
/// live state, the hub and notifications all learn of a transition this way, so the rules host
/// knows none of them. Every call must return at once (queue, never wait on a network or a lock held
/// elsewhere; the notifications' one local fsync per receiver is the most any takes); registration order is
/// call order (<see cref="AlertsRegistration"/> first, so an event is queued for storage before
/// anyone is told of it).
/// </summary>
public interface IRulesListener
{
    /// <summary>The active alerts as rebuilt from storage at start-up, before any sample is judged.</summary>
    void OnRebuilt(IReadOnlyCollection<Alert> active)
    {
    }

    /// <summary>A stored sample the rules have judged (warm-up included), after its transitions.</summary>
    void OnJudged(string park, Sample sample)
    {
    }

    /// <summary>
    /// The station registry changed (<see cref="StationRegistry.Replace"/>): the engine now judges the
    /// added and changed stations by their new profiles and no longer judges the removed ones, whose
    /// alerts were closed (their transitions told before this).
    /// </summary>
    void OnStationsChanged(StationChanges changes)
    {
    }

    /// <summary>One alert transition, with its view as the API shows it after the change.</summary>
    void OnTransition(AlertTransition transition);
}
