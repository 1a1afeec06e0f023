using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Config;

internal static class ConfigRegistration
{
    /// <summary>The configuration store <see cref="ConfigOptions.Provider"/> names, migrated at start.</summary>
    public static WebApplicationBuilder AddConfigStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConfigOptions>().BindConfiguration(ConfigOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => Create(
            services.GetRequiredService<IOptions<ConfigOptions>>().Value, builder.Environment.ContentRootPath, services.GetRequiredService<TimeProvider>()));
        return builder;
    }

    /// <summary>
    /// The store of valid <paramref name="options"/>: SQLite at <see cref="ConfigOptions.Path"/>
    /// (relative to <paramref name="contentRoot"/>), or PostgreSQL at <see cref="ConfigOptions.ConnectionString"/>.
    /// The PostgreSQL store holds a connection pool: its owner disposes it.
    /// </summary>
    public static IConfigStore Create(ConfigOptions options, string contentRoot, TimeProvider time) => options.Provider switch
    {
        ConfigProvider.Postgres => new PostgresConfigStore(options.ConnectionString!, time),
        _ => new SqliteConfigStore(Path.GetFullPath(options.Path, contentRoot), time),
    };
}
