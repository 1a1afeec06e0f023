using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace EnvMonitoring.Metrics;

/// <summary>
/// The one way a gateway or a node exposes its meters to Prometheus: OpenTelemetry metrics with
/// the exporter's own <c>HttpListener</c> (neither process runs a web server), the same text the
/// cloud host serves at its <c>/metrics</c>. Instrument <c>envmon.gateway.backlog</c> with unit
/// <c>By</c> is exported as <c>envmon_gateway_backlog_bytes</c>, a counter gains <c>_total</c>.
/// </summary>
public static class MetricsEndpoint
{
    /// <summary>
    /// Binds <paramref name="section"/> (<see cref="MetricsEndpointOptions"/>, validated on start) and,
    /// when its port is not 0, serves <paramref name="meters"/> and the .NET runtime's at
    /// <c>http://{Host}:{Port}/metrics</c> from the host's start, as <paramref name="service"/>
    /// (<c>target_info{service_name=…}</c>).
    /// </summary>
    public static IHostApplicationBuilder AddMetricsEndpoint(this IHostApplicationBuilder builder, string section, string service, params string[] meters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<MetricsEndpointOptions>().BindConfiguration(section).ValidateDataAnnotations()
            .Validate(o => IPAddress.TryParse(o.Host, out _), $"{section}:Host must be an IP address (127.0.0.1 by default).")
            .ValidateOnStart();
        var settings = builder.Configuration.GetSection(section).Get<MetricsEndpointOptions>() ?? new MetricsEndpointOptions();
        if (settings.Port == 0 || !IPAddress.TryParse(settings.Host, out var address))
        {
            return builder;
        }

        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        var port = settings.Port;
        builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(service)).WithMetrics(metrics => metrics
            .AddMeter(meters)
            .AddRuntimeInstrumentation()
            .AddPrometheusHttpListener(o =>
            {
                o.Host = host;
                o.Port = port;
            }));
        return builder;
    }
}
