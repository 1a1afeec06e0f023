using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Calibration;

/// <summary>
/// Issue #19, remote calibration, end to end with real processes: the cloud host (in process, its
/// embedded broker with authentication and ACL on), a gateway process and a node process with
/// simulated probes. An operator's command through the API reaches the node by way of the cloud
/// broker and the gateway; the node's next samples carry pH status 1 (calibrating), COD stays
/// measuring, and pH readings far beyond the limit during the window open no alert — until the
/// window ends, when the same readings do.
/// </summary>
public sealed class RemoteCalibrationTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private const string Park = "CalPark";
    private const string Station = "CAL-WWTP-01";
    private const string GatewayId = "cal-gw-01";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Calibration_sent_from_the_api_marks_the_nodes_next_samples_calibrating_and_their_exceedance_opens_no_alert()
    {
        // pH climbs towards 14 from 50 s after the node starts (the limit is 6–9), and stays there:
        // by then the window is open, as the test checks before the climb.
        var scenario = Path.Combine(Path.GetTempPath(), $"envmon-calibration-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(scenario, $$"""
            { "incidents": [ { "kind": "Excursion", "station": "{{Station}}", "parameter": "pH", "target": 14, "start": "00:00:50", "duration": "00:03:00" } ] }
            """);
        try
        {
            await using var cloud = await CloudHost.StartAsync(influx.Server, $"calibration_{Guid.NewGuid():N}", Settings(), [TestBrokerClient.ForGateway(Park, GatewayId)]);
            await using var gateway = await GatewayProcess.StartAsync(Park, GatewayId, cloud.MqttPort);
            await using var node = NodeProcess.Start(Park, Station, gateway.Port, TimeSpan.FromSeconds(1), new Dictionary<string, string>
            {
                ["Node:SampleInterval"] = "00:00:00.250",
                ["Node:Simulator:Scenario"] = scenario,
            });

            await ValueAsync(cloud, "pH", v => Status(v) == 0, "the node's samples arrive through the gateway, pH measuring");

            using var @operator = cloud.ClientFor(TestUsers.Operator);
            using var response = await @operator.PostAsJsonAsync($"/api/stations/{Station}/calibration", new { active = true, parameters = new[] { "pH" }, minutes = 30 });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(Topics.CalibrationCommand(Park, Station), (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("topic").GetString());

            var calibrating = await ValueAsync(cloud, "pH", v => Status(v) == 1, "the node's next samples carry pH status 1");
            Assert.Equal("calibrating", calibrating.GetProperty("state").GetString());
            Assert.True(calibrating.GetProperty("value").GetDouble() <= 9, "the window opened before pH climbed: the test's premise");
            Assert.Equal(0, Status(await ValueAsync(cloud, "COD", _ => true, "COD is reported")));

            // The climb, while calibrating: the live view is written by the rules loop, so these readings were judged.
            await ValueAsync(cloud, "pH", v => Status(v) == 1 && v.GetProperty("value").GetDouble() > 10, "pH far beyond 9 arrives, still calibrating");
            Assert.DoesNotContain("pH", await OpenAlertParametersAsync(cloud));

            // The window ends: the same readings, now measuring, open the exceedance alert the calibration held back.
            using var end = await @operator.PostAsJsonAsync($"/api/stations/{Station}/calibration", new { active = false });
            Assert.Equal(HttpStatusCode.Accepted, end.StatusCode);
            await ValueAsync(cloud, "pH", v => Status(v) == 0 && v.GetProperty("value").GetDouble() > 9, "pH is measured again after the end");
            await Eventually.UntilAsync(async () => (await OpenAlertParametersAsync(cloud)).Contains("pH"), Wait, "pH beyond its limit opens an alert once calibration ended");
        }
        finally
        {
            File.Delete(scenario);
        }
    }

    private static Dictionary<string, string> Settings() => new()
    {
        ["Rules:TickInterval"] = "00:00:00.200",
        ["Stations:0:Park"] = Park,
        ["Stations:0:Station"] = Station,
        ["Stations:0:Medium"] = "Water",
        ["Stations:0:Permit:0:Parameter"] = "pH",
        ["Stations:0:Permit:0:Min"] = "6",
        ["Stations:0:Permit:0:Max"] = "9",
        ["Stations:0:Permit:0:Reference"] = "Test permit 1/GP",
        ["Stations:0:Permit:1:Parameter"] = "COD",
        ["Stations:0:Permit:1:Max"] = "1000",
        ["Stations:0:Permit:1:Reference"] = "Test permit 1/GP",
    };

    private static int Status(JsonElement value) => value.GetProperty("status").GetInt32();

    /// <summary>The station's latest <paramref name="parameter"/> in the live view (GET /api/stations), once it matches.</summary>
    private static Task<JsonElement> ValueAsync(CloudHost cloud, string parameter, Func<JsonElement, bool> match, string because) =>
        Eventually.ValueAsync<JsonElement>(async () =>
        {
            var stations = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stations", UriKind.Relative));
            var station = stations.EnumerateArray().Single(s => s.GetProperty("station").GetString() == Station);
            return station.GetProperty("live") is { ValueKind: JsonValueKind.Object } live && live.GetProperty("values").TryGetProperty(parameter, out var value) && match(value)
                ? value
                : null;
        }, Wait, because);

    private static async Task<List<string>> OpenAlertParametersAsync(CloudHost cloud)
    {
        var alerts = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/alerts?station={Station}", UriKind.Relative));
        return [.. alerts.EnumerateArray().Select(a => a.GetProperty("parameter").GetString() ?? "")];
    }
}
