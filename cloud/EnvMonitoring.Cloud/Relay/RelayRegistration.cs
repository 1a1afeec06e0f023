using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Cloud.Series;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Relay;

internal static class RelayRegistration
{
    /// <summary>The relay, its options validated at start-up, its status and metrics; idle without destinations.</summary>
    public static WebApplicationBuilder AddRelay(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RelayOptions>().BindConfiguration(RelayOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RelayOptions>, RelayOptionsValidator>());
        services.TryAddSingleton<RawSampleReader>();
        services.TryAddSingleton(services => new RelayClock(services.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IntervalReader>();
        services.AddSingleton<RelayMetrics>();
        services.AddSingleton<RelayService>();
        services.AddHostedService(s => s.GetRequiredService<RelayService>());
        services.AddSingleton<IStoredSamplesListener>(s => s.GetRequiredService<RelayService>());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(RelayMetrics.MeterName));
        return builder;
    }
}
