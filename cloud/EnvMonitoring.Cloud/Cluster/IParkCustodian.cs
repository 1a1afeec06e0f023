namespace EnvMonitoring.Cloud.Cluster;

/// <summary>
/// Takes up a park when this instance gains its lease, hands it over before the lease goes. Every
/// registered custodian is called in registration order to take up and in reverse order to hand
/// over, and only for a park it took up: a <see cref="TakeUpAsync"/> that throws (cancellation
/// included) has not taken the park up and cleans up after itself.
/// </summary>
public interface IParkCustodian
{
    /// <summary>
    /// Starts serving <paramref name="park"/> (e.g. rebuilds its rule state from InfluxDB, resumes its
    /// MQTT session). The lease is renewed meanwhile, however long this takes; the token is
    /// cancelled when the lease is lost or the host stops.
    /// </summary>
    Task TakeUpAsync(string park, CancellationToken cancellationToken);

    /// <summary>
    /// Stops serving <paramref name="park"/>. <paramref name="leaseLost"/>: the lease was lost
    /// (renewal failed, expired or taken) rather than given up: stop at once and do not flush to
    /// shared stores, another instance may already own the park. Given up (false), the lease is
    /// still held and renewed until this returns: flush and close cleanly.
    /// </summary>
    Task HandOverAsync(string park, bool leaseLost, CancellationToken cancellationToken);
}
