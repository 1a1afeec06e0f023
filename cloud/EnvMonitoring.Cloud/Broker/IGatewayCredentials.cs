namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// Where the gateways' broker credentials are in force: the embedded broker's identities. The
/// configuration store's applier hands it every gateway after each change; none is registered
/// when the broker is external (its own ACL file decides).
/// </summary>
public interface IGatewayCredentials
{
    /// <summary>Takes the gateways as they are now (rotations in grace, disabled ones included); throws, keeping the current ones, when they are not valid.</summary>
    void Replace(IReadOnlyList<GatewayDefinition> gateways);
}
