using EnvMonitoring.Cloud.Quarantine;

namespace EnvMonitoring.Cloud.Ingestion;

internal static class IngestionRegistration
{
    public static WebApplicationBuilder AddIngestion(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<QuarantineOptions>().BindConfiguration(QuarantineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<QuarantineStore>();
        builder.Services.AddSingleton<MessageDecoder>();
        builder.Services.AddSingleton<DeliveryQueue>();
        builder.Services.AddSingleton<IngestionStatus>();
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddSingleton<BatchStore>();
        builder.Services.AddSingleton<Acknowledger>();
        builder.Services.AddSingleton<StoredSampleFeed>();
        builder.Services.AddSingleton<BrokerSubscriber>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BrokerSubscriber>());
        builder.Services.AddHostedService<BatchWriter>();
        return builder;
    }
}
