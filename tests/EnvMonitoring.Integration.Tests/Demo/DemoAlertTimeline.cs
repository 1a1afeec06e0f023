using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Node.Simulation;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Integration.Tests.Demo;

/// <summary>
/// The alerts of a demo run, in virtual time: the real <see cref="RuleEngine"/> configured with the
/// registry's profiles when the nodes start, fed each sample when it arrives (<see cref="DemoArrivals"/>)
/// and ticked every <see cref="RulesOptions.TickInterval"/> — samples first, then the tick, as
/// <see cref="AlertService"/>'s loop does — on a <see cref="FakeTimeProvider"/>.
/// </summary>
internal static class DemoAlertTimeline
{
    public static IReadOnlyList<AlertEvent> Run(Scenario scenario, StationRegistry registry, DateTimeOffset start, TimeSpan length)
    {
        var time = new FakeTimeProvider(start);
        var engine = new RuleEngine(time);
        foreach (var station in registry.All)
        {
            engine.Configure(station.Profile);
        }

        var tickInterval = new RulesOptions().TickInterval;
        var arrivals = DemoArrivals.Of(scenario, registry, start, length);
        var events = new List<AlertEvent>();
        var next = 0;
        for (var tick = start + tickInterval; tick - start <= length; tick += tickInterval)
        {
            for (; next < arrivals.Count && arrivals[next].At <= tick; next++)
            {
                Advance(time, arrivals[next].At);
                engine.Evaluate(arrivals[next].Sample, events);
            }

            Advance(time, tick);
            engine.Tick(events);
        }

        return events;
    }

    private static void Advance(FakeTimeProvider time, DateTimeOffset to)
    {
        if (to > time.GetUtcNow())
        {
            time.SetUtcNow(to);
        }
    }
}
