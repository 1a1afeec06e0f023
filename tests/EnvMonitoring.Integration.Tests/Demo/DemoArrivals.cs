using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Node.Publishing;
using EnvMonitoring.Node.Simulation;
using EnvMonitoring.Node.Tests.Simulation;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Integration.Tests.Demo;

/// <summary>
/// What the cloud receives from the demo's simulated nodes, and when: each station's reports made
/// by the real simulator code playing the scenario (<see cref="SimulatedSeries"/>), each arriving at
/// its measurement time — except while its link is down, when the node keeps it in its outbox and
/// sends it in the burst that follows the link's return. A powered-off node reports nothing.
/// </summary>
internal static class DemoArrivals
{
    /// <summary>Every sample of the demo stations for <paramref name="length"/> after <paramref name="start"/>, in order of arrival then measurement.</summary>
    public static IReadOnlyList<Arrival> Of(Scenario scenario, StationRegistry registry, DateTimeOffset start, TimeSpan length)
    {
        var arrivals = new List<Arrival>();
        foreach (var station in registry.All)
        {
            var reports = SimulatedSeries.Generate(scenario, station.Station, station.Medium, length, station.ExpectedInterval, start);
            for (var i = 0; i < reports.Count; i++)
            {
                var report = reports[i];
                var sent = report.Link == LinkState.Online ? report : reports.Skip(i + 1).FirstOrDefault(r => r.Link == LinkState.Online);
                if (sent is not null && report.Readings.Count > 0)
                {
                    arrivals.Add(new Arrival(start + sent.At, new Sample(station.Station, start + report.At, report.Readings)));
                }
            }
        }

        return [.. arrivals.OrderBy(a => a.At).ThenBy(a => a.Sample.Timestamp)];
    }

    /// <summary>A sample and when the cloud gets it.</summary>
    internal sealed record Arrival(DateTimeOffset At, Sample Sample);
}
