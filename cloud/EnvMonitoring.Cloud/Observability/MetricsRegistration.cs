using EnvMonitoring.Cloud.Ingestion;
using OpenTelemetry.Metrics;

namespace EnvMonitoring.Cloud.Observability;

/// <summary>OpenTelemetry metrics of the host, exposed for Prometheus at <c>/metrics</c>.</summary>
internal static class MetricsRegistration
{
    public static WebApplicationBuilder AddMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(IngestionMetrics.MeterName)
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
