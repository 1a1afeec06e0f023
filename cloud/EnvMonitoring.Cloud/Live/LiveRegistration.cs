using EnvMonitoring.Cloud.Alerts;

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
        builder.Services.AddSignalR();
        return builder;
    }

    public static WebApplication MapLive(this WebApplication app)
    {
        app.MapHub<LiveHub>(LiveHub.Path);
        app.MapGroup("/api").MapStationsApi();
        return app;
    }
}
