using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Stations;

internal static class StationsRegistration
{
    /// <summary>
    /// The registry comes from the <c>Stations</c> section (with the parks' names from <c>Parks</c>), plus the stations of the JSON file
    /// <c>StationsFile</c> names (<c>{"Stations":[…]}</c>, <see cref="StationsFile"/>), for registries
    /// too large for settings.
    /// </summary>
    public static WebApplicationBuilder AddStationRegistry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(RegulationLibrary.Default);
        builder.Services.AddSingleton(services =>
        {
            var (parks, definitions) = RegistryDefinitions.FromSettings(builder.Configuration);
            return StationRegistry.Build(definitions, parks, services.GetRequiredService<RegulationLibrary>(), services.GetRequiredService<SampleCodec>().Catalog, RuleSettings.Default);
        });
        return builder;
    }

    /// <summary>The host records the limits in force at each start (<see cref="LimitJournal"/>); commands do not.</summary>
    public static WebApplicationBuilder AddLimitJournal(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LimitJournal>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LimitJournal>());
        return builder;
    }
}
