using System.Text;
using EnvMonitoring.Node.Simulation;
using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Node.Tests.Simulation;

public sealed class ScenarioFileTests
{
    [Fact]
    public void A_scenario_reads_with_comments_enum_names_and_durations()
    {
        var scenario = Parse("""
            // a comment
            { "repeatEvery": "00:10:00", "incidents": [
              { "kind": "Spike", "station": "YB-WWTP-01", "parameter": "COD", "start": "00:01:00", "duration": "00:02:00", "factor": 3 },
              { "kind": "ProbeDies", "station": "YB-WWTP-01", "parameter": "NH4", "start": "00:04:00", "duration": "00:01:00", "failure": "Silent" },
              { "kind": "Offline", "station": "YB-WWTP-01", "start": "00:06:00", "duration": "00:01:00", "keepMeasuring": false },
            ] }
            """);

        Assert.Equal(TimeSpan.FromMinutes(10), scenario.RepeatEvery);
        Assert.Equal([IncidentKind.Spike, IncidentKind.ProbeDies, IncidentKind.Offline], scenario.Incidents.Select(i => i.Kind));
        Assert.Equal(3, scenario.Incidents[0].Factor);
        Assert.Equal(ProbeFailure.Silent, scenario.Incidents[1].Failure);
        Assert.False(scenario.Incidents[2].KeepMeasuring);
    }

    [Theory]
    [InlineData("""{ "incidents": [ { "kind": "Spike", "station": "YB-WWTP-01", "parameter": "COD", "start": "00:01:00", "duraton": "00:01:00" } ] }""", "duraton")]
    [InlineData("""{ "incidents": [ { "kind": "Spike", "station": "YB-WWTP-01", "parameter": "cod", "start": "00:01:00", "duration": "00:01:00" } ] }""", "incident 0 (Spike at YB-WWTP-01): 'cod' is not in the parameter catalog")]
    [InlineData("""{ "incidents": [ { "kind": "Excursion", "station": "YB-WWTP-01", "parameter": "pH", "start": "00:01:00", "duration": "00:01:00" } ] }""", "needs a target")]
    [InlineData("""{ "incidents": [ { "kind": "Excursion", "station": "YB-WWTP-01", "parameter": "pH", "start": "00:01:00", "duration": "00:01:00", "target": 15 } ] }""", "accepted range")]
    [InlineData("""{ "repeatEvery": "00:05:00", "incidents": [ { "kind": "FlatLine", "station": "YB-WWTP-01", "parameter": "COD", "start": "00:04:00", "duration": "00:02:00" } ] }""", "ends after the cycle")]
    [InlineData("""{ "incidents": [ { "kind": "Offline", "station": "YB-WWTP-01", "parameter": "COD", "start": "00:04:00", "duration": "00:02:00" } ] }""", "whole node")]
    [InlineData("""{ "incidents": [ { "kind": "Calibration", "station": "YB WWTP", "parameter": "COD", "start": "00:04:00", "duration": "00:02:00" } ] }""", "not a station identifier")]
    [InlineData("""{ "incidents": [ { "kind": "Meltdown", "station": "YB-WWTP-01", "parameter": "COD", "start": "00:04:00", "duration": "00:02:00" } ] }""", "not a scenario file")]
    public void A_bad_scenario_is_refused_naming_the_problem(string json, string problem)
    {
        var error = Assert.Throws<ScenarioException>(() => Parse(json));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused_with_its_path()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioFile.Load("/nonexistent/demo.json", ParameterCatalog.Default));

        Assert.Contains("/nonexistent/demo.json", error.Message, StringComparison.Ordinal);
    }

    private static Scenario Parse(string json) => ScenarioFile.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), ParameterCatalog.Default);
}
