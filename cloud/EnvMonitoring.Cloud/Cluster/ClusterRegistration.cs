using StackExchange.Redis;

namespace EnvMonitoring.Cloud.Cluster;

internal static class ClusterRegistration
{
    /// <summary>Several instances share the parks: <c>Cluster:Redis</c> is set.</summary>
    public static bool IsShared(IConfiguration configuration) => !string.IsNullOrEmpty(configuration["Cluster:Redis"]);

    /// <summary>Which parks this instance judges, and the channel to the other instances.</summary>
    public static WebApplicationBuilder AddCluster(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IParkOwnership, SingleHostOwnership>();
        if (IsShared(builder.Configuration))
        {
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(builder.Configuration["Cluster:Redis"]!));
            builder.Services.AddSingleton<IClusterChannel>(services => new RedisClusterChannel(
                services.GetRequiredService<IConnectionMultiplexer>(), "envmon:", services.GetRequiredService<IParkOwnership>().InstanceId,
                services.GetRequiredService<ILogger<RedisClusterChannel>>()));
        }
        else
        {
            builder.Services.AddSingleton<IClusterChannel, SingleHostChannel>();
        }

        return builder;
    }
}
