using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Cluster;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EnvMonitoring.Cloud.Live;

internal static class LiveRegistration
{
    /// <summary>
    /// The live state and the hub: both listen to the rules (<see cref="IRulesListener"/>), the
    /// state for every judged sample and transition, the broadcaster for transitions to push.
    /// </summary>
    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LiveState>();
        builder.Services.AddSingleton<IRulesListener>(services => services.GetRequiredService<LiveState>());
        builder.Services.AddSingleton<LiveConnections>();
        builder.Services.AddSingleton<LiveBroadcaster>();
        builder.Services.AddSingleton<IRulesListener>(services => services.GetRequiredService<LiveBroadcaster>());
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveBroadcaster>());
        var signalR = builder.Services.AddSignalR();
        if (ClusterRegistration.IsShared(builder.Configuration))
        {
            // Every instance's hub clients get every park's updates and alerts, whichever instance judges the park.
            // On the cluster's one Redis connection (its TLS trust and password included).
            signalR.AddStackExchangeRedis();
            builder.Services.AddOptions<RedisOptions>().Configure<IConnectionMultiplexer, IOptions<ClusterOptions>>((redis, connection, cluster) =>
            {
                redis.Configuration.ChannelPrefix = RedisChannel.Literal($"{cluster.Value.KeyPrefix}hub");
                redis.ConnectionFactory = _ => Task.FromResult(connection);
            });
        }
        return builder;
    }

    public static WebApplication MapLive(this WebApplication app)
    {
        app.MapHub<LiveHub>(LiveHub.Path);
        app.MapGroup("/api").MapStationsApi();
        return app;
    }
}
