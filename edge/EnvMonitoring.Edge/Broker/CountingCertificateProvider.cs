using System.Security.Cryptography.X509Certificates;
using MQTTnet.Certificates;

namespace EnvMonitoring.Edge.Broker;

/// <summary>
/// The TLS listener's certificate, counting each time MQTTnet takes it: once per accepted
/// connection, right before the server side of the handshake (<c>envmon_gateway_tls_handshakes_total{stage="started"}</c>).
/// </summary>
internal sealed class CountingCertificateProvider(X509Certificate2 certificate, GatewayCounters counters) : ICertificateProvider
{
    public X509Certificate2 GetCertificate()
    {
        counters.TlsHandshakeStarted();
        return certificate;
    }
}
