using EnvMonitoring.Metrics;
using EnvMonitoring.Node.Hardware;
using EnvMonitoring.Node.Outbox;
using EnvMonitoring.Node.Probes;
using EnvMonitoring.Node.Publishing;
using EnvMonitoring.Node.Sampling;
using EnvMonitoring.Node.Simulation;
using EnvMonitoring.Protocol.Catalog;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Node;

public static class NodeRegistration
{
    /// <summary>
    /// The sensor node: probes (hardware or simulator) sampled into per-station on-disk outboxes,
    /// published to the park gateway. A <see cref="TimeProvider"/> registered before this call wins.
    /// </summary>
    public static IHostApplicationBuilder AddNode(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<NodeOptions>, NodeOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ParameterCatalog.Default);
        services.TryAddSingleton<IDeviceBuses, SystemDeviceBuses>();
        services.AddSingleton<CalibrationModes>();
        services.AddSingleton<Outboxes>();
        services.AddSingleton<NodeMetrics>();
        services.AddSingleton(CreateScenarioRun);
        services.AddSingleton<ILinkSchedule>(sp => Options(sp).EffectiveBackend == NodeBackend.Simulator
            ? new ScenarioLinkSchedule(sp.GetRequiredService<ScenarioRun>())
            : new AlwaysOnline());
        services.AddSingleton<IStationProbes>(sp => Options(sp).EffectiveBackend == NodeBackend.Hardware
            ? new HardwareProbes(Options(sp), sp.GetRequiredService<IDeviceBuses>(), sp.GetRequiredService<CalibrationModes>(), sp.GetRequiredService<ParameterCatalog>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<HardwareProbes>>())
            : new SimulatedProbes(Options(sp), sp.GetRequiredService<ScenarioRun>(), sp.GetRequiredService<ParameterCatalog>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SamplingService>();
        services.AddHostedService<StationPublisher>();
        builder.AddMetricsEndpoint($"{NodeOptions.Section}:Metrics", "envmon-node", NodeMetrics.MeterName);
        return builder;
    }

    private static NodeOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<NodeOptions>>().Value;

    /// <summary>The scenario's clock starts when the node does.</summary>
    private static ScenarioRun CreateScenarioRun(IServiceProvider services)
    {
        var settings = Options(services);
        var start = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (settings.EffectiveBackend != NodeBackend.Simulator || settings.Simulator.Scenario is not { Length: > 0 } path)
        {
            return ScenarioRun.Quiet(start);
        }

        var fullPath = Path.GetFullPath(path, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        return new ScenarioRun(ScenarioFile.Load(fullPath, services.GetRequiredService<ParameterCatalog>()), start);
    }
}
