using System.Diagnostics;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Integration.Tests.Launcher;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;
using Microsoft.Extensions.Configuration;

namespace EnvMonitoring.Integration.Tests.Demo;

/// <summary>
/// The demo stations exactly as <c>./envmon run</c> registers them with the cloud: the launcher's own
/// <c>demo_stations</c> is run (the script sourced, nothing started) and its <c>Stations__N__…</c> and
/// <c>Parks__N__…</c> settings are bound and resolved as the host does (<see cref="StationRegistry.Build(IEnumerable{StationDefinition}, IEnumerable{ParkDefinition}, RegulationLibrary, ParameterCatalog, RuleSettings)"/>).
/// A change of the demo's regulation, column, site inputs, parameters or <c>DEMO_RULES</c> in the
/// script is therefore what the tests judge.
/// </summary>
internal static class DemoRegistry
{
    private static readonly Lazy<StationRegistry> Registry = new(Load);

    /// <summary>The registry, read once per test run (the script does not change meanwhile).</summary>
    public static StationRegistry Current => Registry.Value;

    private static StationRegistry Load()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        var stations = configuration.GetSection(StationRegistry.Section).Get<List<StationDefinition>>() ?? [];
        var parks = configuration.GetSection(ParkDefinition.Section).Get<List<ParkDefinition>>() ?? [];
        Assert.True(stations.Count >= 7, "envmon's demo_stations registers the demo stations");
        return StationRegistry.Build(stations, parks, RegulationLibrary.Default, ParameterCatalog.Default, RuleSettings.Default);
    }

    /// <summary>The environment variables envmon gives the cloud for its demo stations, as configuration keys.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        // "help" makes the sourced script's command dispatch print its usage (discarded) and return.
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", "source ./envmon help >/dev/null && demo_stations && printf '%s\\0' \"${DEMO_STATIONS[@]}\"" },
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The demo's default report interval, not whatever the developer's shell sets.
        start.Environment.Remove("ENVMON_REPORT_INTERVAL");
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEnd();
        var errors = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, $"envmon's demo_stations failed ({bash.ExitCode}): {errors}");
        foreach (var entry in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            yield return new(entry[..equals].Replace("__", ":", StringComparison.Ordinal), entry[(equals + 1)..]);
        }
    }
}
