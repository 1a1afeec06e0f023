using EnvMonitoring.Node.Publishing;
using EnvMonitoring.Node.Sampling;
using EnvMonitoring.Node.Simulation;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Node.Tests.Simulation;

/// <summary>
/// Generates a simulated station's reports the way the node does (simulated probes → sampler),
/// stepping a <see cref="FakeTimeProvider"/>: one read per report, one report per step. Like the
/// node's sampling loop, a step during a scripted power cut takes no reading and reports nothing;
/// a step with the link down reports as usual (the node keeps it in its outbox), marked with the
/// link's state. Shared with the integration tests (linked into their project).
/// </summary>
internal static class SimulatedSeries
{
    /// <summary>03:00 UTC is 10:00 in Thai Nguyen: the working day.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 16, 3, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<Report> Generate(Scenario scenario, string station, Medium medium, TimeSpan length, TimeSpan step) =>
        Generate(scenario, station, medium, length, step, Start);

    /// <param name="scenario">The scenario the node plays.</param>
    /// <param name="station">The station reported.</param>
    /// <param name="medium">What the station discharges: which probes it has.</param>
    /// <param name="length">How long the node runs.</param>
    /// <param name="step">The report interval.</param>
    /// <param name="start">When the node starts (and the scenario with it).</param>
    public static IReadOnlyList<Report> Generate(Scenario scenario, string station, Medium medium, TimeSpan length, TimeSpan step, DateTimeOffset start)
    {
        var time = new FakeTimeProvider(start);
        var run = new ScenarioRun(scenario, start);
        var links = new ScenarioLinkSchedule(run);
        var options = new NodeOptions { Park = "YenBinh", Stations = [new StationOptions { Id = station, Medium = medium }] };
        using var probes = new SimulatedProbes(options, run, ParameterCatalog.Default, time);
        var sampler = new StationSampler(station, probes.For(station), new CalibrationModes());
        var series = new List<Report>();
        while (time.GetUtcNow() - start < length)
        {
            time.Advance(step);
            var now = time.GetUtcNow();
            var link = links.State(station, now);
            if (link == LinkState.PoweredOff)
            {
                sampler.Discard();
                continue;
            }

            sampler.SampleOnce(now);
            series.Add(new Report(now - start, sampler.TakeReport(), link));
        }

        return series;
    }

    /// <summary>One report, <see cref="At"/> after the node's start; <see cref="Link"/> says whether it could be sent at once.</summary>
    internal sealed record Report(TimeSpan At, IReadOnlyList<Reading> Readings, LinkState Link)
    {
        public Reading? this[string code] => Readings.Any(r => r.Parameter.Code == code) ? Readings.Single(r => r.Parameter.Code == code) : null;

        public bool Within(TimeSpan from, TimeSpan to) => At >= from && At < to;
    }
}
