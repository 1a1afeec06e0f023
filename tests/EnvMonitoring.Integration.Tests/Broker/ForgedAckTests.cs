using EnvMonitoring.Integration.Tests.Edge;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using MQTTnet;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Broker;

/// <summary>
/// Issue #13's fake-ack attack, as reported: during an InfluxDB outage another client publishes
/// acks for every batch on the gateway's ack topic, then the cloud host crashes. The forged acks
/// are refused, so the gateway keeps its unacknowledged batches, sends them again to the restarted
/// cloud, and nothing is lost. Real processes (cloud, gateway), real broker and InfluxDB, auth on.
/// </summary>
public sealed class ForgedAckTests(ITestOutputHelper output)
{
    private const string Park = "AckPark";
    private const string Gateway = "ack-gw-01";
    private static readonly string[] Stations = ["ACK-WWTP-01", "ACK-DYE-01"];
    private static readonly TestBrokerClient Forger = TestBrokerClient.ForStation(Park, "ACK-DIRECT-01");

    [Fact]
    public async Task Forged_acks_during_an_influxdb_outage_and_a_cloud_crash_lose_nothing()
    {
        await using var influx = await InfluxServer.StartAsync();
        await using var cloud = await CloudProcess.StartAsync(new CloudProcessSettings
        {
            Influx = influx,
            Database = "acks",
            BrokerPort = FreePort.Next(),
            Clients = [TestBrokerClient.ForGateway(Park, Gateway), Forger],
            Extra = TestStations.Settings(Park, Stations, "__"),
        }, output);
        await using var gateway = await GatewayProcess.StartAsync(Park, Gateway, cloud.Settings.BrokerPort);
        await using var node = TestNode.Start(() => gateway.Port, Park, Stations, total: 1_500, perSecond: 100, DateTimeOffset.UtcNow.AddHours(-1));
        await EdgeDelivery.WaitUntilStoredAsync(influx, "acks", 200, TimeSpan.FromSeconds(60));

        await influx.StopAsync();
        var before = node.AcknowledgedCount;
        await Eventually.UntilAsync(() => node.AcknowledgedCount >= before + 500, TimeSpan.FromSeconds(60), "the gateway takes samples while InfluxDB is down");

        using (var forger = await BrokerClient.ConnectedAsync(cloud.Settings.BrokerPort, "ack-forger", Forger))
        {
            var forged = SampleCodec.EncodeAck(new GatewayAck([.. Enumerable.Range(0, 5_000).Select(n => (long)n)]));
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await BrokerClient.PublishAsync(forger, Topics.GatewayAck(Park, Gateway), forged));
        }

        // The crash loses what the cloud held in memory; only the gateway's re-sends can bring it back.
        await cloud.KillAsync();
        await influx.RestartAsync();
        await cloud.StartAgainAsync();

        await node.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        await EdgeDelivery.WaitUntilStoredAsync(influx, "acks", node.AcknowledgedCount, TimeSpan.FromMinutes(2));
        await EdgeDelivery.AssertAllStoredAsync(influx, "acks", node.Acknowledged);
    }
}
