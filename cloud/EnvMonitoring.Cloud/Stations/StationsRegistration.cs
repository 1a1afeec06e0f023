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
            var definitions = builder.Configuration.GetSection(StationRegistry.Section).Get<List<StationDefinition>>() ?? [];
            var parks = builder.Configuration.GetSection(ParkDefinition.Section).Get<List<ParkDefinition>>() ?? [];
            if (builder.Configuration["StationsFile"] is { Length: > 0 } file)
            {
                var read = StationsFile.Read(file);
                definitions.AddRange(read.Stations);
                parks.AddRange(read.Parks);
            }

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
