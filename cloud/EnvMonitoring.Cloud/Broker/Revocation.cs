namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// Why a session's grant is no longer valid. <see cref="Forget"/> when the session belongs to an
/// identity that no longer exists as it was (removed, moved to another park, its client id now
/// someone else's): its persistent state (subscriptions, queued messages) must go with it, else the
/// next holder of the client id would inherit them.
/// </summary>
internal readonly record struct Revocation(string Reason, bool Forget);
