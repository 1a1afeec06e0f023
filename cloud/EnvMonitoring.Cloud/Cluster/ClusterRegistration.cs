using EnvMonitoring.Cloud.Stations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EnvMonitoring.Cloud.Cluster;

internal static class ClusterRegistration
{
    /// <summary>Several instances share the parks: <c>Cluster:Redis</c> is set (what every component's registration asks).</summary>
    public static bool IsShared(IConfiguration configuration) =>
        (configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions()).IsCluster;

    /// <summary>
    /// The <c>Cluster</c> options, validated at start-up, <see cref="IParkOwnership"/> and the
    /// <see cref="IClusterChannel"/>: with a Redis configured, the Redis connection
    /// (<see cref="IConnectionMultiplexer"/>, shared with the hub's backplane), <see cref="ParkLeases"/>,
    /// calling every registered <see cref="IParkCustodian"/>, and the channel over Redis publish/subscribe;
    /// without one, <see cref="SingleHostOwnership"/> and nobody to tell.
    /// </summary>
    public static WebApplicationBuilder AddCluster(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        if (!IsShared(builder.Configuration))
        {
            services.AddSingleton<IParkOwnership, SingleHostOwnership>();
            services.AddSingleton<IClusterChannel, SingleHostChannel>();
            return builder;
        }

        services.AddSingleton<IConnectionMultiplexer>(s => ConnectionMultiplexer.Connect(
            RedisConnection.Configuration(s.GetRequiredService<IOptions<ClusterOptions>>().Value, s.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton(s => new ParkLeases(
            s.GetRequiredService<IConnectionMultiplexer>(), s.GetRequiredService<StationRegistry>(), Deferred<IParkCustodian>(s),
            s.GetRequiredService<IOptions<ClusterOptions>>(), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<ILogger<ParkLeases>>()));
        services.AddSingleton<IParkOwnership>(s => s.GetRequiredService<ParkLeases>());
        services.AddSingleton<IClusterChannel>(s => new RedisClusterChannel(
            s.GetRequiredService<IConnectionMultiplexer>(), s.GetRequiredService<IOptions<ClusterOptions>>().Value.KeyPrefix,
            s.GetRequiredService<IParkOwnership>().InstanceId, s.GetRequiredService<ILogger<RedisClusterChannel>>()));
        return builder;
    }

    /// <summary>
    /// Runs the park leases (with several instances): registered after every other hosted service (the
    /// composition root calls this last), so parks are taken up once every custodian runs, and handed
    /// over first when the host stops, while the rules, the sealer and the sessions still run.
    /// </summary>
    public static WebApplicationBuilder AddParkLeases(this WebApplicationBuilder builder)
    {
        if (IsShared(builder.Configuration))
        {
            builder.Services.AddHostedService(s => s.GetRequiredService<ParkLeases>());
        }

        return builder;
    }

    /// <summary>The services of a kind, resolved only when first enumerated (see <see cref="ParkLeases"/>' custodians).</summary>
    private static IEnumerable<T> Deferred<T>(IServiceProvider services)
    {
        foreach (var service in services.GetServices<T>())
        {
            yield return service;
        }
    }
}
