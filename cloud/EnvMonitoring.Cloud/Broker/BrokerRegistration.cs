namespace EnvMonitoring.Cloud.Broker;

internal static class BrokerRegistration
{
    public static WebApplicationBuilder AddEmbeddedBroker(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (builder.Configuration.GetValue($"{BrokerOptions.Section}:{nameof(BrokerOptions.Embedded)}", true))
        {
            // Registered before ingestion so the broker is up when ingestion connects.
            builder.Services.AddHostedService<EmbeddedBroker>();
        }

        return builder;
    }
}
