using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Quarantine;

namespace EnvMonitoring.Cloud.Ingestion;

internal static class IngestionRegistration
{
    /// <summary>
    /// Decoding, the bounded queue, batched writes, acknowledgements and the stored-sample feed.
    /// How messages reach the queue (inside the embedded broker, or through a subscription) is the
    /// broker's to register (<c>BrokerRegistration</c>); it provides the <see cref="ICloudPublisher"/>.
    /// </summary>
    public static WebApplicationBuilder AddIngestion(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<QuarantineOptions>().BindConfiguration(QuarantineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<QuarantineStore>();
        builder.Services.AddSingleton<SampleAdmission>();
        builder.Services.AddSingleton<MessageDecoder>();
        builder.Services.AddSingleton<DeliveryQueue>();
        builder.Services.AddSingleton<IngestionStatus>();
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddSingleton<BatchStore>();
        builder.Services.AddSingleton<AppendOnlyGuard>();
        builder.Services.AddSingleton<IParkCustodian, ParkLedger>();
        builder.Services.AddSingleton<Acknowledger>();
        builder.Services.AddSingleton<StoredSampleFeed>();
        builder.Services.AddHostedService<BatchWriter>();
        return builder;
    }
}
