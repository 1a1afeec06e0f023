using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Ingestion;

namespace EnvMonitoring.Cloud.Broker;

internal static class BrokerRegistration
{
    /// <summary>
    /// The embedded broker (unless <c>Broker:Embedded</c> is false) and the way messages reach
    /// ingestion: decoded inside the embedded broker's interceptor, or through a persistent
    /// subscription to the broker (an external one, or the embedded one with <c>Ingestion:InProcess</c> false).
    /// </summary>
    public static WebApplicationBuilder AddBroker(this WebApplicationBuilder builder)
    {
        var inProcess = InProcess(builder.Configuration);
        builder.Services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Port > 0 || (o.Tls.Port > 0 && inProcess), "Broker:Port 0 (no plaintext listener) needs Broker:Tls:Port and ingestion inside the broker (Ingestion:InProcess).")
            .Validate(o => o.Tls.Port == 0 || !string.IsNullOrEmpty(o.Tls.CertificatePath), "Broker:Tls:Port is set but Broker:Tls:CertificatePath is not.")
            .Validate(o => o.Tls.ClientCertificateMode == ClientCertificateMode.None || !string.IsNullOrEmpty(o.Tls.ClientCaPath), "Broker:Tls:ClientCertificateMode asks for client certificates but Broker:Tls:ClientCaPath is not set.")
            .ValidateOnStart();
        var embedded = builder.Configuration.GetValue($"{BrokerOptions.Section}:{nameof(BrokerOptions.Embedded)}", true);
        builder.Services.AddOptions<IngestionOptions>()
            .Validate(o => !embedded || !o.Tls.Enabled, "Ingestion:Tls:CaPath is set but the broker is embedded (Broker:Embedded): ingestion reaches it in process or on loopback, without TLS. Unset Ingestion:Tls, or set Broker:Embedded false for an external broker.");
        builder.Services.AddSingleton<IngestionTls>();
        if (embedded)
        {
            builder.Services.AddSingleton<BrokerIdentities>();
            builder.Services.AddSingleton<IGatewayCredentials>(services => services.GetRequiredService<BrokerIdentities>());
            builder.Services.AddSingleton<EmbeddedBroker>();
            // Registered before the subscriber so the broker is up when it connects.
            builder.Services.AddHostedService(services => services.GetRequiredService<EmbeddedBroker>());
            builder.Services.AddHostedService<SessionReview>();
        }
        else
        {
            builder.Services.AddSingleton<IGatewayCredentials, ExternalBrokerCredentials>();
        }

        if (ClusterRegistration.IsShared(builder.Configuration))
        {
            builder.Services.AddSingleton<ParkSubscriptions>();
            builder.Services.AddSingleton<ICloudPublisher>(services => services.GetRequiredService<ParkSubscriptions>());
            builder.Services.AddHostedService(services => services.GetRequiredService<ParkSubscriptions>());
        }
        else if (inProcess)
        {
            builder.Services.AddSingleton<InProcessIngestion>();
            builder.Services.AddSingleton<ICloudPublisher>(services => services.GetRequiredService<InProcessIngestion>());
        }
        else
        {
            builder.Services.AddSingleton<BrokerSubscriber>();
            builder.Services.AddSingleton<ICloudPublisher>(services => services.GetRequiredService<BrokerSubscriber>());
            builder.Services.AddHostedService(services => services.GetRequiredService<BrokerSubscriber>());
        }

        return builder;
    }

    /// <summary>
    /// When several instances share the parks, the sessions of the parks taken up here: registered after
    /// every other <see cref="IParkCustodian"/> (the composition root calls this last), so a park's
    /// messages flow only once the rules and the sealer have taken it up, and stop first at a hand-over.
    /// </summary>
    public static WebApplicationBuilder AddParkIntake(this WebApplicationBuilder builder)
    {
        if (ClusterRegistration.IsShared(builder.Configuration))
        {
            builder.Services.AddSingleton<IParkCustodian>(services => services.GetRequiredService<ParkSubscriptions>());
        }

        return builder;
    }

    /// <summary>Ingestion runs inside the embedded broker unless the broker is external or <c>Ingestion:InProcess</c> is false.</summary>
    public static bool InProcess(IConfiguration configuration) =>
        !ClusterRegistration.IsShared(configuration) &&
        configuration.GetValue($"{BrokerOptions.Section}:{nameof(BrokerOptions.Embedded)}", true) &&
        configuration.GetValue($"{IngestionOptions.Section}:{nameof(IngestionOptions.InProcess)}", true);
}
