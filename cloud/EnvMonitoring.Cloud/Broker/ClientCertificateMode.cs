namespace EnvMonitoring.Cloud.Broker;

/// <summary>Whether the MQTTS listener asks clients for a certificate.</summary>
public enum ClientCertificateMode
{
    /// <summary>No client certificate is asked for; clients authenticate with their password.</summary>
    None,

    /// <summary>A client may present one; if it does, it must chain to <see cref="BrokerTlsOptions.ClientCaPath"/>.</summary>
    Optional,

    /// <summary>Every client must present one chaining to <see cref="BrokerTlsOptions.ClientCaPath"/>; the handshake fails otherwise.</summary>
    Required,
}
