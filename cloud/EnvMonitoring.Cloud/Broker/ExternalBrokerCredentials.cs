namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// <see cref="IGatewayCredentials"/> when the broker is external (<c>Broker:Embedded</c> false):
/// the cloud does not decide who connects there (Mosquitto's password file and ACL do), so a
/// replacement changes nothing. Said once, so nobody expects a rotation to reach that broker.
/// </summary>
internal sealed class ExternalBrokerCredentials(ILogger<ExternalBrokerCredentials> logger) : IGatewayCredentials
{
    private int _told;

    public void Replace(IReadOnlyList<GatewayDefinition> gateways)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        if (Interlocked.Exchange(ref _told, 1) == 0)
        {
            BrokerLog.ExternalBrokerGateways(logger, gateways.Count);
        }
    }
}
