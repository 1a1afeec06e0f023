using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Stations;

internal static class StationsRegistration
{
    public static WebApplicationBuilder AddStationRegistry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(RegulationLibrary.Default);
        builder.Services.AddSingleton(services =>
        {
            var definitions = builder.Configuration.GetSection(StationRegistry.Section).Get<List<StationDefinition>>() ?? [];
            return StationRegistry.Build(definitions, services.GetRequiredService<RegulationLibrary>(), services.GetRequiredService<SampleCodec>().Catalog, RuleSettings.Default);
        });
        return builder;
    }
}
