using System.Text.Json;
using EnvMonitoring.Node.Publishing;
using EnvMonitoring.Node.Simulation;
using EnvMonitoring.Node.Tests.Support;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Node.Tests.Simulation;

/// <summary>
/// The scenario <c>./envmon run</c> plays (scenarios/demo.json next to the node binary): every
/// incident kind shows within ten minutes of the demo stations' 5-second reports, and every value
/// stays inside the catalog's accepted ranges.
/// </summary>
public sealed class DemoScenarioTests
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan DemoInterval = TimeSpan.FromSeconds(5);
    private static readonly Scenario Demo = ScenarioFile.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", "demo.json"), ParameterCatalog.Default);

    [Fact]
    public void The_demo_stations_are_the_ones_envmon_run_starts() =>
        Assert.All(Demo.Incidents, i => Assert.Contains(i.Station, DemoStations().Keys));

    [Fact]
    public void Every_incident_kind_starts_within_ten_minutes() =>
        Assert.All(Enum.GetValues<IncidentKind>(), kind => Assert.Contains(Demo.Incidents, i => i.Kind == kind && i.Start < TenMinutes));

    [Fact]
    public void Ten_minutes_of_the_demo_show_every_incident_and_only_accepted_values()
    {
        var series = DemoStations().ToDictionary(s => s.Key, s => SimulatedSeries.Generate(Demo, s.Key, s.Value, TenMinutes, DemoInterval));

        Assert.All(series.Values.SelectMany(r => r).SelectMany(r => r.Readings), r => Assert.True(r.Parameter.Accepts(r.Value), $"{r.Parameter.Code} = {r.Value}"));
        Assert.Contains(series["YB-WWTP-01"], r => r["COD"]?.Value > 150);
        Assert.Contains(series["YB-TEXTILE-01"], r => r["pH"]?.Value > 10);
        Assert.Contains(series["SC2-PLATING-01"], r => r["pH"]?.Value < 5.5 && r["pH"]?.Status == DeviceStatus.Measuring);
        Assert.Contains(series["SC2-WWTP-01"], r => r["NH4"]?.Status == DeviceStatus.Fault);
        Assert.Contains(series["DT-WWTP-01"], r => r["TSS"] is null);
        Assert.Contains(series["SC2-PLATING-01"], r => r["COD"]?.Status == DeviceStatus.Calibrating);
        var flat = Demo.Incidents.First(i => i.Kind == IncidentKind.FlatLine);
        var stuck = series[flat.Station].Where(r => r.Within(flat.Start, flat.Start + flat.Duration)).Select(r => r[flat.Parameter!]!.Value.Value).ToList();
        Assert.True(stuck.Count >= 10 && stuck.Distinct().Count() == 1, "a flat line of at least ten equal readings");
        var links = new ScenarioLinkSchedule(new ScenarioRun(Demo, SimulatedSeries.Start));
        var ticks = Enumerable.Range(0, (int)(TenMinutes / DemoInterval)).Select(i => SimulatedSeries.Start + (i * DemoInterval)).ToList();
        Assert.Contains(ticks, t => links.State("YB-BOILER-01", t) == LinkState.LinkDown);
        Assert.Contains(ticks, t => links.State("DT-STEEL-STACK-01", t) == LinkState.PoweredOff);
    }

    [Fact]
    public void The_first_minute_is_quiet_so_the_dashboards_fill_with_normal_readings_first() =>
        Assert.All(Demo.Incidents, i => Assert.True(i.Start >= TimeSpan.FromMinutes(1), $"{i.Kind} at {i.Station} starts at {i.Start}"));

    /// <summary>The demo stations and media, read from deploy/demo/stations.json (what ./envmon run and docker-compose.yml start).</summary>
    private static Dictionary<string, Medium> DemoStations()
    {
        using var demo = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "demo", "stations.json")));
        var stations = demo.RootElement.GetProperty("Stations").EnumerateArray()
            .ToDictionary(s => s.GetProperty("Station").GetString()!, s => Enum.Parse<Medium>(s.GetProperty("Medium").GetString()!));
        Assert.True(stations.Count >= 7, "deploy/demo/stations.json lists the demo stations");
        return stations;
    }
}
