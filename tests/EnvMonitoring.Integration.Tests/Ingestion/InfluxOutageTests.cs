using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>
/// Acceptance: InfluxDB stopped for 30 s mid-stream, then started — no loss, the broker held the
/// backlog, ingestion caught up by itself, and <c>/api/health</c> reported the outage meanwhile.
/// Once with the cloud as deployed by default (a real process with its embedded MQTTnet broker),
/// once with mosquitto as deployed, where ingestion's receive maximum bounds what it takes in.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class InfluxOutageTests(ITestOutputHelper output)
{
    private const string Park = "OutagePark";

    /// <summary>The stations the outage traffic is published for, registered to its park.</summary>
    private static Dictionary<string, string> Registered => TestStations.Settings(Park, SyntheticTraffic.Stations("OU", 10), "__");
    private const string Gateway = "outage-gw-01";
    private const string Database = "outage";
    private const int ReceiveMaximum = 200;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);
    private static readonly string[] Stations = SyntheticTraffic.Stations("OU", 10);

    [Fact]
    public async Task With_the_embedded_broker_samples_sent_during_a_30_s_influxdb_outage_are_all_stored_once_it_returns()
    {
        await using var influx = await InfluxServer.StartAsync();
        var mqttPort = FreePort.Next();
        await using var cloud = await CloudProcess.StartAsync(new CloudProcessSettings
        {
            Influx = influx,
            Database = Database,
            BrokerPort = mqttPort,
            Extra = Registered,
            // Authentication and ACL on, as shipped: the gateway and each direct station with its own identity.
            Clients = [TestBrokerClient.ForGateway(Park, Gateway), .. StationPublishers.Identities(Park, Stations)],
        }, output);

        var held = await RideOutOutageAsync(influx, cloud, mqttPort, authenticated: true);

        // MQTTnet's server does not honour a subscriber's receive maximum, so the embedded broker
        // hands the backlog to ingestion's queue: it stays in the one cloud process, unacknowledged.
        output.WriteLine($"the cloud process held {held} messages of the backlog in ingestion's queue and batches");
    }

    [Fact]
    public async Task Mosquitto_holds_the_backlog_of_a_30_s_influxdb_outage_while_ingestion_takes_only_its_receive_maximum()
    {
        await using var influx = await InfluxServer.StartAsync();
        await using var broker = await MosquittoServer.StartAsync(DeployedMosquitto.Options());
        await using var cloud = await CloudProcess.StartAsync(new CloudProcessSettings
        {
            Influx = influx,
            Database = Database,
            EmbeddedBroker = false,
            BrokerPort = broker.Port,
            Extra = new Dictionary<string, string>(Registered) { ["Ingestion__ReceiveMaximum"] = $"{ReceiveMaximum}" },
        }, output);

        var held = await RideOutOutageAsync(influx, cloud, broker.Port, authenticated: false);

        Assert.True(held <= ReceiveMaximum, $"ingestion held {held} unacknowledged messages; its receive maximum is {ReceiveMaximum}");
    }

    /// <summary>
    /// Stores 2,000 samples, stops InfluxDB for 30 s while the stream goes on (2 batches and 50
    /// station messages every 500 ms, each PUBACKed by the broker) and health is checked at every
    /// tick, starts InfluxDB and waits for the exact total. Returns how many messages ingestion held
    /// (queued or in batches) at the end of the outage.
    /// </summary>
    private async Task<double> RideOutOutageAsync(InfluxServer influx, CloudProcess cloud, int mqttPort, bool authenticated)
    {
        var stations = Stations;
        var start = SyntheticTraffic.Start(daysAgo: 3);
        var identity = TestBrokerClient.ForGateway(Park, Gateway);
        await using var gateway = authenticated
            ? await PipelinedPublisher.ConnectAsync(mqttPort, identity.ClientId!, identity)
            : await PipelinedPublisher.ConnectAsync(mqttPort, Gateway);
        await using var direct = await StationPublishers.ConnectAsync(mqttPort, Park, stations);

        await gateway.PublishAsync(SyntheticTraffic.Batches(Park, Gateway, stations, 20, 100, start));
        var (next, batchNumber) = (2_000L, 20L);
        await Eventually.UntilAsync(async () => await StoredCounts.FieldAsync(influx, Database, "pH") == next,
            TimeSpan.FromSeconds(30), "the 2,000 samples sent before the outage are stored");
        var takenBefore = await PrometheusText.SumAsync(cloud.Http, "envmon_ingestion_messages_total");

        await influx.StopAsync();
        var published = 0;
        var clock = Stopwatch.StartNew();
        using (var ticks = new PeriodicTimer(Tick))
        {
            while (clock.Elapsed < Outage)
            {
                await gateway.PublishAsync(SyntheticTraffic.Batches(Park, Gateway, stations, 2, 100, start, next, batchNumber));
                await direct.PublishAsync(SyntheticTraffic.Telemetry(Park, stations, 50, start, next + 200));
                (next, batchNumber, published) = (next + 250, batchNumber + 2, published + 52);
                await AssertOutageReportedAsync(cloud);
                await ticks.WaitForNextTickAsync();
            }
        }

        var held = await PrometheusText.SumAsync(cloud.Http, "envmon_ingestion_messages_total") - takenBefore +
                   await PrometheusText.SumAsync(cloud.Http, "envmon_ingestion_queue");
        output.WriteLine($"outage of {clock.Elapsed.TotalSeconds:0.0} s: {published} messages ({next - 2_000} samples) published and PUBACKed, {held} held by ingestion");

        await influx.RestartAsync();
        var catchUp = Stopwatch.StartNew();
        await cloud.WaitUntilHealthyAsync(TimeSpan.FromSeconds(30));
        await Eventually.UntilAsync(async () => await StoredCounts.ValuesAsync(influx, Database) == next * SyntheticTraffic.ValuesPerSample,
            TimeSpan.FromSeconds(60), $"all {next * SyntheticTraffic.ValuesPerSample} values are stored after InfluxDB returned");
        output.WriteLine($"caught up {catchUp.ElapsedMilliseconds} ms after InfluxDB returned");
        foreach (var field in SyntheticTraffic.Fields)
        {
            Assert.Equal(next, await StoredCounts.FieldAsync(influx, Database, field));
        }

        Assert.Empty(cloud.LoggedErrors);
        return held;
    }

    private static async Task AssertOutageReportedAsync(CloudProcess cloud)
    {
        using var response = await cloud.Http.GetAsync(new Uri("api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("influx").GetProperty("reachable").GetBoolean());
        Assert.True(body.GetProperty("broker").GetProperty("reachable").GetBoolean());
    }
}
