using EnvMonitoring.Cloud.Live;
using EnvMonitoring.Cloud.Storage;

namespace EnvMonitoring.Cloud.Alerts;

internal static class AlertsRegistration
{
    /// <summary>The rules engine in the host, the alert store, the live state and the hub.</summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RulesOptions>().BindConfiguration(RulesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section);
        builder.Services.AddSingleton(services => services.GetRequiredService<Protocol.Codec.SampleCodec>().Catalog);
        builder.Services.AddSingleton<SampleHistory>();
        builder.Services.AddSingleton<LiveState>();
        builder.Services.AddSingleton<AlertEventStore>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AlertEventStore>());
        builder.Services.AddSingleton<LiveBroadcaster>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveBroadcaster>());
        builder.Services.AddSingleton<AlertService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AlertService>());
        builder.Services.AddSignalR();
        return builder;
    }

    public static WebApplication MapLiveHub(this WebApplication app)
    {
        app.MapHub<LiveHub>(LiveHub.Path);
        return app;
    }
}
