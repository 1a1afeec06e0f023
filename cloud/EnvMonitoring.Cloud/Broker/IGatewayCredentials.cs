namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// Where the configuration store's gateways become the cloud broker's credentials while it runs:
/// who may connect as which gateway, with which password (and, during a rotation's grace period,
/// the previous one too), and who is disabled. Sessions that no longer match are closed.
/// </summary>
public interface IGatewayCredentials
{
    /// <summary>
    /// Takes <paramref name="gateways"/> as the whole set of gateway credentials, in place of the
    /// previous set (and of <c>Broker:Clients</c>' gateway entries). Throws
    /// <see cref="InvalidOperationException"/> naming every problem, keeping the current set, when
    /// the set is invalid. Has no effect on an external broker (its own ACL decides).
    /// </summary>
    void Replace(IReadOnlyList<GatewayDefinition> gateways);
}
