using EnvMonitoring.Cloud.Broker;
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
        if (InProcess(builder.Configuration))
        {
            builder.Services.AddSingleton<InProcessIngestion>();
            builder.Services.AddSingleton<IGatewayAckChannel>(services => services.GetRequiredService<InProcessIngestion>());
        }
        else
        {
            builder.Services.AddSingleton<BrokerSubscriber>();
            builder.Services.AddSingleton<IGatewayAckChannel>(services => services.GetRequiredService<BrokerSubscriber>());
            builder.Services.AddHostedService(services => services.GetRequiredService<BrokerSubscriber>());
        }

        builder.Services.AddHostedService<BatchWriter>();
        return builder;
    }

    /// <summary>Ingestion runs inside the embedded broker unless the broker is external or <c>Ingestion:InProcess</c> is false.</summary>
    public static bool InProcess(IConfiguration configuration) =>
        configuration.GetValue($"{BrokerOptions.Section}:{nameof(BrokerOptions.Embedded)}", true) &&
        configuration.GetValue($"{IngestionOptions.Section}:{nameof(IngestionOptions.InProcess)}", true);
}
