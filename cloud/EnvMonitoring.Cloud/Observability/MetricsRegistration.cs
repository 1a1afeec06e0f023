using EnvMonitoring.Cloud.Ingestion;
using OpenTelemetry.Metrics;

namespace EnvMonitoring.Cloud.Observability;

/// <summary>OpenTelemetry metrics of the host, exposed for Prometheus at <c>/metrics</c>, and the system health the dashboard shows.</summary>
internal static class MetricsRegistration
{
    public static WebApplicationBuilder AddMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(IngestionMetrics.MeterName)
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        builder.Services.AddSingleton<SystemHealth>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SystemHealth>());
        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
