namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// What a session was let in as, kept in its session items: the identity, and the stored hash its
/// password matched (the current one or, during a rotation's grace period, the previous one), so the
/// broker can tell when the credential it connected with stops being valid.
/// </summary>
internal sealed record SessionGrant(BrokerIdentity Identity, string PasswordHash)
{
    /// <summary>The identity only: a hash is never logged.</summary>
    public override string ToString() => Identity.ToString();
}
