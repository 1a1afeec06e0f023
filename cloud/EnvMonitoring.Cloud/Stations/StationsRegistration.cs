using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Stations;

internal static class StationsRegistration
{
    /// <summary>
    /// The registry comes from the <c>Stations</c> section; <c>StationsFile</c> names a JSON file
    /// (<c>{"Stations":[…]}</c>) to read it from, for registries too large for settings.
    /// </summary>
    public static WebApplicationBuilder AddStationRegistry(this WebApplicationBuilder builder)
    {
        if (builder.Configuration["StationsFile"] is { Length: > 0 } file)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        builder.Services.AddSingleton(RegulationLibrary.Default);
        builder.Services.AddSingleton(services =>
        {
            var definitions = builder.Configuration.GetSection(StationRegistry.Section).Get<List<StationDefinition>>() ?? [];
            return StationRegistry.Build(definitions, services.GetRequiredService<RegulationLibrary>(), services.GetRequiredService<SampleCodec>().Catalog, RuleSettings.Default);
        });
        return builder;
    }
}
