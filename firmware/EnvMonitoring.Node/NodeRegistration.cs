using EnvMonitoring.Node.Publishing;

namespace EnvMonitoring.Node;

public static class NodeRegistration
{
    public static IHostApplicationBuilder AddNode(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<StationPublisher>();
        return builder;
    }
}
