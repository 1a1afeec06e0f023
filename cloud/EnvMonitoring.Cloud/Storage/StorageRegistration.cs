using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Storage;

internal static class StorageRegistration
{
    public static WebApplicationBuilder AddInfluxStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InfluxOptions>().BindConfiguration(InfluxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient<InfluxClient>((services, http) =>
        {
            http.Timeout = services.GetRequiredService<IOptions<InfluxOptions>>().Value.RequestTimeout;
        });
        return builder;
    }
}
