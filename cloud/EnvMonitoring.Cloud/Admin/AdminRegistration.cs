using EnvMonitoring.Cloud.Config;

namespace EnvMonitoring.Cloud.Admin;

internal static class AdminRegistration
{
    /// <summary>
    /// The running configuration: the store seeded from the settings and applied before any
    /// component starts (<see cref="ConfigStartup"/>), then kept applied while the host runs
    /// (<see cref="ConfigWatcher"/>; writers call <see cref="IConfigApplier"/> themselves).
    /// </summary>
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConfigSeeder>();
        builder.Services.AddSingleton<ConfigApplier>();
        builder.Services.AddSingleton<IConfigApplier>(services => services.GetRequiredService<ConfigApplier>());
        builder.Services.AddHostedService<ConfigStartup>();
        builder.Services.AddHostedService<ConfigWatcher>();
        return builder;
    }
}
