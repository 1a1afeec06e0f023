using EnvMonitoring.Node.Sampling;
using EnvMonitoring.Node.Simulation;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Node.Tests.Simulation;

/// <summary>
/// Generates a simulated station's reports the way the node does (simulated probes → sampler),
/// stepping a <see cref="FakeTimeProvider"/>: one read per report, one report per step.
/// </summary>
internal static class SimulatedSeries
{
    /// <summary>03:00 UTC is 10:00 in Thai Nguyen: the working day.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 16, 3, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<Report> Generate(Scenario scenario, string station, Medium medium, TimeSpan length, TimeSpan step)
    {
        var time = new FakeTimeProvider(Start);
        var run = new ScenarioRun(scenario, Start);
        var options = new NodeOptions { Park = "YenBinh", Stations = [new StationOptions { Id = station, Medium = medium }] };
        using var probes = new SimulatedProbes(options, run, ParameterCatalog.Default, time);
        var sampler = new StationSampler(station, probes.For(station), new CalibrationModes());
        var series = new List<Report>();
        while (time.GetUtcNow() - Start < length)
        {
            time.Advance(step);
            sampler.SampleOnce(time.GetUtcNow());
            series.Add(new Report(time.GetUtcNow() - Start, sampler.TakeReport()));
        }

        return series;
    }

    internal sealed record Report(TimeSpan At, IReadOnlyList<Reading> Readings)
    {
        public Reading? this[string code] => Readings.Any(r => r.Parameter.Code == code) ? Readings.Single(r => r.Parameter.Code == code) : null;

        public bool Within(TimeSpan from, TimeSpan to) => At >= from && At < to;
    }
}
