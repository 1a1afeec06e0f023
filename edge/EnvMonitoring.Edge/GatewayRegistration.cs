using EnvMonitoring.Edge.Broker;
using EnvMonitoring.Edge.Forwarding;
using EnvMonitoring.Edge.Intake;
using EnvMonitoring.Edge.Log;
using EnvMonitoring.Edge.Security;
using EnvMonitoring.Metrics;
using EnvMonitoring.Protocol.Codec;

namespace EnvMonitoring.Edge;

public static class GatewayRegistration
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Listen.Port > 0 || o.Tls.Port > 0, "Gateway:Listen:Port and Gateway:Tls:Port are both 0: nodes could not connect at all.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(SampleCodec.Default);
        builder.Services.AddSingleton<SampleLog>();
        builder.Services.AddSingleton<ISampleSink>(services => services.GetRequiredService<SampleLog>());
        builder.Services.AddSingleton<DeviceRegistry>();
        builder.Services.AddSingleton<CommandRelay>();
        builder.Services.AddSingleton<GatewayCounters>();
        builder.Services.AddSingleton<GatewayMetrics>();
        // First: hosted services start in this order and stop in reverse, so the log is recovered
        // before the broker, the forwarder and the intake use it, and flushed after they stopped.
        builder.Services.AddHostedService(services => services.GetRequiredService<SampleLog>());
        builder.Services.AddHostedService<NodeBroker>();
        builder.Services.AddHostedService<CloudForwarder>();
        builder.AddFileIntake();
        // The meter is made at start (not on the first scrape), so a scrape never finds the gateway's metrics missing.
        builder.Services.AddHostedService(services => services.GetRequiredService<GatewayMetrics>());
        builder.AddMetricsEndpoint($"{GatewayOptions.Section}:Metrics", "envmon-gateway", GatewayMetrics.MeterName);
        return builder;
    }
}
