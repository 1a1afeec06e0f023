using System.Security.Cryptography.X509Certificates;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>The MQTTS listener's loaded settings: its port, certificate and, when clients must show one, their CA.</summary>
internal sealed class BrokerTls(BrokerTlsOptions options) : IDisposable
{
    public int Port { get; } = options.Port;

    public X509Certificate2 Certificate { get; } =
        options.LoadCertificate("Broker:Tls");

    public ClientCertificateMode ClientCertificateMode { get; } = options.ClientCertificateMode;

    public TrustedCa? ClientCa { get; } = options.ClientCertificateMode == ClientCertificateMode.None ? null
        : TrustedCa.Load(options.ClientCaPath ?? throw new InvalidOperationException("Broker:Tls:ClientCertificateMode asks for client certificates but Broker:Tls:ClientCaPath is not set."), "Broker:Tls:ClientCaPath");

    public TimeSpan HandshakeTimeout { get; } = options.HandshakeTimeout;

    public void Dispose()
    {
        Certificate.Dispose();
        ClientCa?.Dispose();
    }
}
