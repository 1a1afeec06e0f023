using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Config;

internal static class ConfigRegistration
{
    /// <summary>The configuration store: SQLite at <see cref="ConfigOptions.Path"/> (relative to the content root), migrated at start.</summary>
    public static WebApplicationBuilder AddConfigStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConfigOptions>().BindConfiguration(ConfigOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IConfigStore>(services => new SqliteConfigStore(
            Path.GetFullPath(services.GetRequiredService<IOptions<ConfigOptions>>().Value.Path, builder.Environment.ContentRootPath),
            services.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
