using EnvMonitoring.Node.Publishing;
using EnvMonitoring.Node.Simulation;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Node.Tests.Simulation;

/// <summary>Each incident kind produces the signal it promises, on series generated with a fake clock.</summary>
public sealed class ScenarioSignalTests
{
    private const string Station = "YB-WWTP-01";
    private static readonly TimeSpan WindowStart = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan WindowLength = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan WindowEnd = WindowStart + WindowLength;

    [Fact]
    public void A_quiet_station_follows_the_diurnal_load_with_noise_inside_normal_ranges()
    {
        var day = SimulatedSeries.Generate(new Scenario(), Station, Medium.Water, TimeSpan.FromDays(1), TimeSpan.FromMinutes(5));

        Assert.All(day, r => Assert.Equal(7, r.Readings.Count));
        Assert.All(day.SelectMany(r => r.Readings), r => Assert.Equal(DeviceStatus.Measuring, r.Status));
        Assert.All(day, r => Assert.InRange(r["pH"]!.Value.Value, 6.6, 7.6));
        Assert.All(day, r => Assert.InRange(r["COD"]!.Value.Value, 15, 100));
        // Local 15:00 (08:00 UTC, 5 h after the start) is the load peak, 03:00 local the trough.
        var peak = day.Where(r => Math.Abs((r.At - TimeSpan.FromHours(5)).TotalMinutes) <= 30).Average(r => r["FlowOut"]!.Value.Value);
        var trough = day.Where(r => Math.Abs((r.At - TimeSpan.FromHours(17)).TotalMinutes) <= 30).Average(r => r["FlowOut"]!.Value.Value);
        Assert.True(peak > 1.6 * trough, $"flow at the peak {peak:0.0} vs the night {trough:0.0}");
        // COD follows the load, and noise makes no two readings alike.
        Assert.True(Correlation(day.Select(r => r["COD"]!.Value.Value), day.Select(r => r["FlowIn"]!.Value.Value)) > 0.7);
        Assert.True(day.Select(r => r["COD"]!.Value.Value).Distinct().Count() > day.Count * 0.9);
    }

    [Fact]
    public void A_cod_spike_multiplies_cod_at_its_peak_and_returns_to_normal()
    {
        var series = Run(new ScenarioIncident { Kind = IncidentKind.Spike, Parameter = "COD", Factor = 4 });
        var before = Mean(series, "COD", WindowStart - TimeSpan.FromMinutes(10), WindowStart);

        var plateau = Values(series, "COD", WindowStart + TimeSpan.FromMinutes(2), WindowEnd - TimeSpan.FromMinutes(2));
        Assert.All(plateau, v => Assert.True(v > 3 * before, $"COD {v:0.0} during the spike, {before:0.0} before it"));
        Assert.All(Values(series, "COD", WindowEnd, WindowEnd + TimeSpan.FromMinutes(5)), v => Assert.InRange(v, 0.6 * before, 1.5 * before));
        Assert.All(Values(series, "TSS", WindowStart, WindowEnd), v => Assert.InRange(v, 5, 50));
    }

    [Fact]
    public void A_ph_excursion_reaches_its_target_and_comes_back()
    {
        var series = Run(new ScenarioIncident { Kind = IncidentKind.Excursion, Parameter = "pH", Target = 10.8 });

        var during = Values(series, "pH", WindowStart, WindowEnd);
        Assert.InRange(during.Max(), 10.7, 10.9);
        Assert.All(Values(series, "pH", TimeSpan.Zero, WindowStart), v => Assert.InRange(v, 6.6, 7.6));
        Assert.All(Values(series, "pH", WindowEnd, WindowEnd + TimeSpan.FromMinutes(10)), v => Assert.InRange(v, 6.6, 7.6));
    }

    [Fact]
    public void A_dying_probe_reports_a_fault_or_falls_silent()
    {
        var series = Run(
            new ScenarioIncident { Kind = IncidentKind.ProbeDies, Parameter = "NH4", Failure = ProbeFailure.Fault },
            new ScenarioIncident { Kind = IncidentKind.ProbeDies, Parameter = "TSS", Failure = ProbeFailure.Silent });

        foreach (var report in series)
        {
            var inside = report.Within(WindowStart, WindowEnd);
            Assert.Equal(inside ? DeviceStatus.Fault : DeviceStatus.Measuring, report["NH4"]!.Value.Status);
            Assert.Equal(!inside, report["TSS"] is not null);
            if (inside)
            {
                Assert.Equal(0, report["NH4"]!.Value.Value);
            }
        }
    }

    [Fact]
    public void A_flat_lined_sensor_repeats_one_value_for_the_whole_window()
    {
        var series = Run(new ScenarioIncident { Kind = IncidentKind.FlatLine, Parameter = "COD" });

        Assert.Single(Values(series, "COD", WindowStart, WindowEnd).Distinct());
        Assert.True(Values(series, "COD", TimeSpan.Zero, WindowStart).Distinct().Count() > 30);
        Assert.All(series.Where(r => r.Within(WindowStart, WindowEnd)), r => Assert.Equal(DeviceStatus.Measuring, r["COD"]!.Value.Status));
    }

    [Fact]
    public void A_calibration_window_marks_its_parameters_status_1_with_zero_then_span_standards()
    {
        var series = Run(new ScenarioIncident { Kind = IncidentKind.Calibration, Parameters = ["pH", "COD"] });

        foreach (var report in series)
        {
            var inside = report.Within(WindowStart, WindowEnd);
            Assert.Equal(inside ? DeviceStatus.Calibrating : DeviceStatus.Measuring, report["pH"]!.Value.Status);
            Assert.Equal(inside ? DeviceStatus.Calibrating : DeviceStatus.Measuring, report["COD"]!.Value.Status);
            Assert.Equal(DeviceStatus.Measuring, report["TSS"]!.Value.Status);
        }

        var middle = WindowStart + (WindowLength / 2);
        Assert.All(Values(series, "pH", WindowStart, middle), v => Assert.InRange(v, 6.9, 7.1));
        Assert.All(Values(series, "pH", middle, WindowEnd), v => Assert.InRange(v, 3.9, 4.1));
        Assert.All(Values(series, "COD", WindowStart, middle), v => Assert.InRange(v, -0.1, 0.1));
    }

    [Fact]
    public void An_offline_incident_cuts_the_link_or_the_power_for_its_window()
    {
        var run = new ScenarioRun(
            new Scenario
            {
                Incidents =
                [
                    new ScenarioIncident { Kind = IncidentKind.Offline, Station = Station, Start = WindowStart, Duration = WindowLength },
                    new ScenarioIncident { Kind = IncidentKind.Offline, Station = "YB-BOILER-01", Start = WindowStart, Duration = WindowLength, KeepMeasuring = false },
                ],
            },
            SimulatedSeries.Start);
        var links = new ScenarioLinkSchedule(run);

        Assert.Equal(LinkState.Online, links.State(Station, SimulatedSeries.Start + WindowStart - TimeSpan.FromSeconds(1)));
        Assert.Equal(LinkState.LinkDown, links.State(Station, SimulatedSeries.Start + WindowStart));
        Assert.Equal(LinkState.PoweredOff, links.State("YB-BOILER-01", SimulatedSeries.Start + WindowStart + TimeSpan.FromMinutes(5)));
        Assert.Equal(LinkState.Online, links.State(Station, SimulatedSeries.Start + WindowEnd));
        Assert.Equal(LinkState.Online, links.State("YB-TEXTILE-01", SimulatedSeries.Start + WindowStart));
    }

    [Fact]
    public void A_repeating_scenario_plays_its_incidents_every_cycle()
    {
        var scenario = new Scenario
        {
            RepeatEvery = TimeSpan.FromMinutes(5),
            Incidents = [new ScenarioIncident { Kind = IncidentKind.ProbeDies, Station = Station, Parameter = "pH", Start = TimeSpan.FromMinutes(1), Duration = TimeSpan.FromMinutes(1) }],
        };

        var series = SimulatedSeries.Generate(scenario, Station, Medium.Water, TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(30));

        var faults = series.Where(r => r["pH"]!.Value.Status == DeviceStatus.Fault).Select(r => r.At.TotalMinutes).ToList();
        Assert.Equal([1.0, 1.5, 6.0, 6.5, 11.0, 11.5], faults);
    }

    [Fact]
    public void Incidents_of_other_stations_leave_this_one_alone()
    {
        var scenario = new Scenario { Incidents = [new ScenarioIncident { Kind = IncidentKind.ProbeDies, Station = "YB-TEXTILE-01", Parameter = "pH", Start = TimeSpan.Zero, Duration = TimeSpan.FromHours(1) }] };

        var series = SimulatedSeries.Generate(scenario, Station, Medium.Water, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1));

        Assert.All(series, r => Assert.Equal(DeviceStatus.Measuring, r["pH"]!.Value.Status));
    }

    private static IReadOnlyList<SimulatedSeries.Report> Run(params ScenarioIncident[] incidents)
    {
        foreach (var incident in incidents)
        {
            incident.Station = Station;
            incident.Start = WindowStart;
            incident.Duration = WindowLength;
        }

        return SimulatedSeries.Generate(new Scenario { Incidents = [.. incidents] }, Station, Medium.Water, TimeSpan.FromHours(1), TimeSpan.FromSeconds(30));
    }

    private static List<double> Values(IEnumerable<SimulatedSeries.Report> series, string code, TimeSpan from, TimeSpan to) =>
        [.. series.Where(r => r.Within(from, to) && r[code] is not null).Select(r => r[code]!.Value.Value)];

    private static double Mean(IEnumerable<SimulatedSeries.Report> series, string code, TimeSpan from, TimeSpan to) => Values(series, code, from, to).Average();

    private static double Correlation(IEnumerable<double> first, IEnumerable<double> second)
    {
        var a = first.ToArray();
        var b = second.ToArray();
        var (meanA, meanB) = (a.Average(), b.Average());
        var covariance = a.Zip(b, (x, y) => (x - meanA) * (y - meanB)).Sum();
        return covariance / Math.Sqrt(a.Sum(x => (x - meanA) * (x - meanA)) * b.Sum(y => (y - meanB) * (y - meanB)));
    }
}
