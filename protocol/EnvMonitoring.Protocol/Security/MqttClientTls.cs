using MQTTnet;

namespace EnvMonitoring.Protocol.Security;

/// <summary>
/// TLS for an MQTT client, wired one way for all of them (the node's gateway link, the gateway's
/// cloud link, the cloud's ingestion sessions): the server's certificate checked by
/// <see cref="TlsClient.AcceptsServer"/> (issued for the host connected to, chaining to the
/// configured CA alone), and the client certificate shown when one is configured.
/// </summary>
public static class MqttClientTls
{
    /// <summary>Turns TLS on when <paramref name="tls"/> is set; without it, returns <paramref name="builder"/> as it is (plain MQTT).</summary>
    /// <param name="builder">The client's connect options.</param>
    /// <param name="tls">The loaded TLS settings, or null when TLS is off.</param>
    /// <param name="refused">Told why when the server's certificate is refused (the connect then fails): the caller logs it, naming its setting.</param>
    public static MqttClientOptionsBuilder WithTlsClient(this MqttClientOptionsBuilder builder, TlsClient? tls, Action<string> refused)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(refused);
        if (tls is null)
        {
            return builder;
        }

        return builder.WithTlsOptions(o =>
        {
            o.UseTls().WithCertificateValidationHandler(e =>
            {
                if (tls.AcceptsServer(e.Certificate, e.Chain, e.SslPolicyErrors, out var reason))
                {
                    return true;
                }

                refused(reason);
                return false;
            });
            if (tls.Certificate is { } certificate)
            {
                o.WithClientCertificates([certificate]);
            }
        });
    }
}
