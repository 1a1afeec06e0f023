using EnvMonitoring.Cloud.Cluster;

namespace EnvMonitoring.Cloud.Alerts;

internal static class AlertsRegistration
{
    /// <summary>
    /// The rules engine in the host: its start-up, loop and board, and the alert store, which is
    /// the first <see cref="IRulesListener"/> (an event is queued for storage before anyone else is told).
    /// </summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RulesOptions>().BindConfiguration(RulesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AlertEventStore>();
        builder.Services.AddSingleton<IRulesListener>(services => services.GetRequiredService<AlertEventStore>());
        builder.Services.AddHostedService(services => services.GetRequiredService<AlertEventStore>());
        // Park custodians in this order: handed over in reverse, the store flushes after the rules stop.
        builder.Services.AddSingleton<IParkCustodian>(services => services.GetRequiredService<AlertEventStore>());
        builder.Services.AddSingleton<AlertRelay>();
        builder.Services.AddSingleton<IRulesListener>(services => services.GetRequiredService<AlertRelay>());
        builder.Services.AddHostedService(services => services.GetRequiredService<AlertRelay>());
        builder.Services.AddSingleton<RulesClock>();
        builder.Services.AddSingleton<AlertBookLoader>();
        builder.Services.AddSingleton<AlertBoard>();
        builder.Services.AddSingleton<AlertService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AlertService>());
        builder.Services.AddSingleton<IParkCustodian>(services => services.GetRequiredService<AlertService>());
        builder.Services.AddSingleton<AlertCommands>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AlertCommands>());
        return builder;
    }
}
