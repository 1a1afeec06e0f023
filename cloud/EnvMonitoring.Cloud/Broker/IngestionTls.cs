using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Protocol.Security;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// The ingestion client's TLS (<see cref="IngestionOptions.Tls"/>), loaded once for every
/// <see cref="BrokerSession"/>: made when the subscriber starts, so a CA or client certificate file
/// that is missing stops the host at start-up with the setting that names it.
/// </summary>
internal sealed class IngestionTls(IOptions<IngestionOptions> options) : IDisposable
{
    /// <summary>The CA and optional client certificate, or null when TLS is off (plain MQTT).</summary>
    public TlsClient? Client { get; } = TlsClient.Load(options.Value.Tls, $"{IngestionOptions.Section}:{nameof(IngestionOptions.Tls)}");

    public void Dispose() => Client?.Dispose();
}
