using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Ingestion;

namespace EnvMonitoring.Cloud.Seals;

internal static class SealsRegistration
{
    /// <summary>
    /// The seal store, the signing keys and verification; with <see cref="SealsOptions.Enabled"/>, the
    /// sealer, told of stored samples and (after the alert store, so an event is queued for storage
    /// first) of alert transitions.
    /// </summary>
    public static WebApplicationBuilder AddSeals(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SealsOptions>().BindConfiguration(SealsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SealingKeys>();
        builder.Services.AddSingleton<SealStore>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SealStore>());
        builder.Services.AddSingleton<DayReader>();
        builder.Services.AddSingleton<OwedDays>();
        if (builder.Configuration.GetValue($"{SealsOptions.Section}:{nameof(SealsOptions.Enabled)}", true))
        {
            builder.Services.AddSingleton<Sealer>();
            builder.Services.AddHostedService(services => services.GetRequiredService<Sealer>());
            builder.Services.AddSingleton<IStoredSamplesListener>(services => services.GetRequiredService<Sealer>());
            builder.Services.AddSingleton<IRulesListener>(services => services.GetRequiredService<Sealer>());
            builder.Services.AddSingleton<IParkCustodian>(services => services.GetRequiredService<Sealer>());
        }

        builder.Services.AddSingleton(services => new IntegrityChecker(
            services.GetRequiredService<SealStore>(),
            services.GetRequiredService<DayReader>(),
            services.GetRequiredService<SealingKeys>().Trusted,
            services.GetRequiredService<TimeProvider>(),
            services.GetService<Sealer>()));
        return builder;
    }
}
