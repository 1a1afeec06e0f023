using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EnvMonitoring.Cloud.Cluster;

internal static class ClusterRegistration
{
    /// <summary>
    /// The <c>Cluster</c> options, validated at start-up, and <see cref="IParkOwnership"/>: with a
    /// Redis configured, the Redis connection (<see cref="IConnectionMultiplexer"/>, shared with
    /// whatever else the cluster needs in Redis) and <see cref="ParkLeases"/>, calling every
    /// registered <see cref="IParkCustodian"/>; without one, <see cref="SingleHostOwnership"/>.
    /// </summary>
    public static WebApplicationBuilder AddCluster(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        var configured = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        if (!configured.IsCluster)
        {
            services.AddSingleton<IParkOwnership, SingleHostOwnership>();
            return builder;
        }

        services.AddSingleton<IConnectionMultiplexer>(s => ConnectionMultiplexer.Connect(
            RedisConnection.Configuration(s.GetRequiredService<IOptions<ClusterOptions>>().Value, s.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<ParkLeases>();
        services.AddSingleton<IParkOwnership>(s => s.GetRequiredService<ParkLeases>());
        services.AddHostedService(s => s.GetRequiredService<ParkLeases>());
        return builder;
    }
}
