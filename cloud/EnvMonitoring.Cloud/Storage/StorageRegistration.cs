using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Storage;

internal static class StorageRegistration
{
    public const string HttpClientName = "influx";

    public static WebApplicationBuilder AddInfluxStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InfluxOptions>().BindConfiguration(InfluxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // InfluxClient is held by singletons (ingestion, alerts, rollups), so its HttpClient lives as long as the
        // host. Microsoft's advice for such a client: a SocketsHttpHandler that recycles its connections
        // (PooledConnectionLifetime, for DNS changes) and no handler rotation by the factory, which a captured
        // client would never see anyway.
        builder.Services.AddHttpClient(HttpClientName, (services, http) =>
            {
                http.Timeout = services.GetRequiredService<IOptions<InfluxOptions>>().Value.RequestTimeout;
            })
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                PooledConnectionLifetime = services.GetRequiredService<IOptions<InfluxOptions>>().Value.ConnectionLifetime,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton(services => new InfluxClient(
            services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            services.GetRequiredService<IOptions<InfluxOptions>>()));
        // The catalog of the host's codec, unless the host registered one of its own (backtest).
        builder.Services.TryAddSingleton(services => services.GetRequiredService<Protocol.Codec.SampleCodec>().Catalog);
        builder.Services.AddSingleton<SampleHistory>();
        builder.Services.AddSingleton<LongTermPolicy>();
        return builder;
    }
}
