using System.Globalization;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Metrics;

/// <summary>
/// The real chain with its metrics endpoints on — InfluxDB, the cloud host, a park gateway and a
/// simulated node — holding demo data the product wrote itself: three hours of samples published
/// through the gateway (one exceedance among them, so an alert opens), the node's live samples, the
/// rollups the cloud computes from them, and the limits it records at start.
/// </summary>
public sealed class EcosystemFixture : IAsyncLifetime
{
    public const string Park = "YenBinh";
    public const string Database = "grafana";
    public static readonly string[] Stations = ["YB-WWTP-01", "YB-TEXTILE-01"];
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private InfluxServer? _influx;
    private CloudHost? _cloud;
    private GatewayHost? _gateway;
    private readonly string _scenario = Path.Combine(Path.GetTempPath(), $"envmon-grafana-{Guid.NewGuid():N}.json");
    private NodeHost? _node;

    public InfluxServer Influx => _influx!;

    public CloudHost Cloud => _cloud!;

    public int GatewayMetricsPort { get; } = FreePort.Next();

    public int NodeMetricsPort { get; } = FreePort.Next();

    /// <summary>The oldest sample's time: the dashboards' time range starts here.</summary>
    public DateTimeOffset From { get; } = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddHours(DateTime.UtcNow.Hour - 3);

    public async Task InitializeAsync()
    {
        _influx = await InfluxServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Rollups:Interval"] = "00:00:01",
            ["Rules:TickInterval"] = "00:00:00.200",
        };
        for (var i = 0; i < Stations.Length; i++)
        {
            settings[$"Stations:{i}:Park"] = Park;
            settings[$"Stations:{i}:Station"] = Stations[i];
            settings[$"Stations:{i}:Medium"] = "Water";
            settings[$"Stations:{i}:Permit:0:Parameter"] = "COD";
            settings[$"Stations:{i}:Permit:0:Max"] = "100";
            settings[$"Stations:{i}:Permit:0:Reference"] = "Test permit 1/GP";
            settings[$"Stations:{i}:Permit:1:Parameter"] = "pH";
            settings[$"Stations:{i}:Permit:1:Min"] = "6";
            settings[$"Stations:{i}:Permit:1:Max"] = "9";
            settings[$"Stations:{i}:Permit:1:Reference"] = "Test permit 1/GP";
        }

        _cloud = await CloudHost.StartAsync(_influx, Database, settings, [TestBrokerClient.ForGateway(Park, "yb-gw-01")]);
        _cloud.Log.ExpectEvent("Rejected", "the fixture sends a sample of a station the cloud does not know, so that rejections are counted");
        _gateway = await GatewayHost.StartAsync(Park, "yb-gw-01", _cloud.MqttPort, new Dictionary<string, string?> { ["Gateway:Metrics:Port"] = Text(GatewayMetricsPort) });
        // The second station's NH4 probe is dead (status 2), so the node counts probe faults.
        await File.WriteAllTextAsync(_scenario, $$"""
            { "incidents": [ { "kind": "ProbeDies", "station": "{{Stations[1]}}", "parameter": "NH4", "start": "00:00:00", "duration": "10:00:00", "failure": "Fault" } ] }
            """);
        _node = await NodeHost.StartAsync(Park, _gateway.Port, TimeSpan.FromSeconds(1), new Dictionary<string, string?>
        {
            ["Node:Metrics:Port"] = Text(NodeMetricsPort),
            ["Node:SampleInterval"] = "00:00:00.250",
            ["Node:Simulator:Scenario"] = _scenario,
        }, [.. Stations.Select(s => (s, "Water"))]);

        // Three hours of five-minute samples per station, through the gateway as a node sends them.
        await using (var publisher = await MqttPublisher.ConnectAsync(_gateway.Port, "grafana-demo"))
        {
            var now = DateTimeOffset.UtcNow;
            for (var at = From; at < now.AddMinutes(-2); at = at.AddMinutes(5))
            {
                foreach (var station in Stations)
                {
                    var cod = at > now.AddMinutes(-30) && at <= now.AddMinutes(-25) ? 250 : 40;
                    var result = await publisher.PublishAsync(Topics.Telemetry(Park, station), Sample(station, at, cod));
                    Assert.True(result.IsSuccess, $"{result.ReasonCode} {result.ReasonString}");
                }
            }

            Assert.True((await publisher.PublishAsync(Topics.Telemetry(Park, "YB-UNKNOWN-01"), Sample("YB-UNKNOWN-01", now.AddMinutes(-1), 40))).IsSuccess);
        }

        await Eventually.UntilAsync(async () => await _influx.CountAsync(Database, "SELECT count(\"seq\") FROM \"longterm\".\"alert_event\" WHERE \"kind\" = 'opened'") > 0, Wait,
            "the exceedance opened an alert");
        await Eventually.UntilAsync(
            async () => (await Task.WhenAll(Stations.Select(s => _influx.CountAsync(Database, $"SELECT count(\"COD_count\") FROM \"longterm\".\"rollup_1h\" WHERE \"station\" = '{s}'")))).All(c => c >= 3),
            Wait, "the cloud rolled up the past hours of both stations");
        await Eventually.UntilAsync(async () => await _influx.CountAsync(Database, "SELECT count(\"max\") FROM \"longterm\".\"station_limit\"") >= 4, Wait,
            "the cloud recorded the limits in force");
        await Eventually.UntilAsync(async () => await _influx.CountAsync(Database, "SELECT count(\"seq\") FROM \"sample\" WHERE time > now() - 1m") > 0, Wait,
            "the node's live samples are stored");
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new IAsyncDisposable?[] { _node, _gateway, _cloud, _influx })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        File.Delete(_scenario);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static byte[] Sample(string station, DateTimeOffset at, double cod) => SampleCodec.EncodeSample(new Sample(station, at,
    [
        new Reading(ParameterCatalog.Default["pH"], 7.2),
        new Reading(ParameterCatalog.Default["COD"], cod),
        new Reading(ParameterCatalog.Default["TSS"], 20),
    ]));
}
