using System.Text;
using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Integration.Tests.Ingestion;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MQTTnet;

namespace EnvMonitoring.Integration.Tests.Broker;

/// <summary>
/// Issue #13's attacks on the cloud broker, items 1 and 2 (docs/security.md): the real cloud host
/// with its embedded broker, authentication and ACL on as shipped, and a real InfluxDB. Each attack
/// is refused with its MQTT reason code, and nothing of it is stored.
/// </summary>
public sealed class CloudBrokerSecurityTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private const string Park = "SecParkA";
    private const string OtherPark = "SecParkB";
    private static readonly TestBrokerClient GatewayA = TestBrokerClient.ForGateway(Park, "sa-gw-01");
    private static readonly TestBrokerClient GatewayB = TestBrokerClient.ForGateway(OtherPark, "sb-gw-01");
    private static readonly TestBrokerClient Station = TestBrokerClient.ForStation(Park, "SA-DIRECT-01");
    private static readonly TestBrokerClient OtherStation = TestBrokerClient.ForStation(Park, "SA-DIRECT-02");
    private static readonly string[] Stations = ["SA-WWTP-01"];

    [Fact]
    public async Task Anonymous_unknown_and_wrong_password_connects_are_refused()
    {
        await using var cloud = await StartCloudAsync();
        cloud.Log.ExpectEvent("ConnectRefused", "the test connects without credentials and with bad ones");

        var (_, anonymous) = await BrokerClient.ConnectAsync(cloud.MqttPort, "attacker-anon", identity: null);
        var (_, wrong) = await BrokerClient.ConnectAsync(cloud.MqttPort, "attacker-wrong", Station, password: "guess");
        var (_, unknown) = await BrokerClient.ConnectAsync(cloud.MqttPort, "attacker-unknown", TestBrokerClient.ForStation(Park, "NOBODY-01"));
        var (client, known) = await BrokerClient.ConnectAsync(cloud.MqttPort, "direct-ok", Station);
        client?.Dispose();

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, anonymous);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wrong);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, unknown);
        Assert.Equal(MqttClientConnectResultCode.Success, known);
    }

    [Fact]
    public async Task Repeated_failed_connects_from_one_address_are_throttled_even_with_the_right_password()
    {
        await using var cloud = await StartCloudAsync(new Dictionary<string, string> { ["Broker:ConnectFailuresPerWindow"] = "3" });
        cloud.Log.ExpectEvent("ConnectRefused", "the test guesses passwords");

        for (var i = 0; i < 3; i++)
        {
            var (_, code) = await BrokerClient.ConnectAsync(cloud.MqttPort, $"guess-{i}", Station, password: $"guess-{i}");
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
        }

        var (client, throttled) = await BrokerClient.ConnectAsync(cloud.MqttPort, "guess-right", Station);
        client?.Dispose();
        Assert.Equal(MqttClientConnectResultCode.ConnectionRateExceeded, throttled);
    }

    [Fact]
    public async Task Forged_batch_for_another_park_or_gateway_is_refused_and_never_stored()
    {
        await using var cloud = await StartCloudAsync();
        cloud.Log.ExpectEvent("PublishRefused", "the test forges batches and telemetry");
        using var gateway = await BrokerClient.ConnectedAsync(cloud.MqttPort, GatewayA.ClientId!, GatewayA);
        var start = SyntheticTraffic.Start(daysAgo: 1);

        var forged = SyntheticTraffic.Batches(OtherPark, "sb-gw-01", Stations, 1, 10, start).Single();
        var invented = SyntheticTraffic.Batches("InventedPark", "evil-gw", Stations, 1, 10, start, firstSample: 10).Single();
        var telemetry = SyntheticTraffic.Telemetry(Park, Stations, 1, start, 20).Single();
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await BrokerClient.PublishAsync(gateway, forged.Topic, forged.Payload));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await BrokerClient.PublishAsync(gateway, invented.Topic, invented.Payload));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await BrokerClient.PublishAsync(gateway, telemetry.Topic, telemetry.Payload));
        Assert.Equal(MqttClientPublishReasonCode.TopicNameInvalid, await BrokerClient.PublishAsync(gateway, "outside/the/contract", [1]));

        // Its own batch goes through: once it is stored, nothing forged is beside it.
        var own = SyntheticTraffic.Batches(Park, "sa-gw-01", Stations, 1, 10, start, firstSample: 30).Single();
        Assert.Equal(MqttClientPublishReasonCode.Success, await BrokerClient.PublishAsync(gateway, own.Topic, own.Payload));
        await Eventually.UntilAsync(async () => await StoredCounts.FieldAsync(influx.Server, cloud.Database, "pH") >= 10, TimeSpan.FromSeconds(30), "the gateway's own batch is stored");
        Assert.Equal(10, await StoredCounts.FieldAsync(influx.Server, cloud.Database, "pH"));
    }

    [Fact]
    public async Task Nobody_but_the_cloud_publishes_on_a_gateways_ack_topic()
    {
        await using var cloud = await StartCloudAsync();
        cloud.Log.ExpectEvent("PublishRefused", "the test forges acks");
        using var station = await BrokerClient.ConnectedAsync(cloud.MqttPort, "direct-forger", Station);
        using var otherGateway = await BrokerClient.ConnectedAsync(cloud.MqttPort, GatewayB.ClientId!, GatewayB);
        using var gateway = await BrokerClient.ConnectedAsync(cloud.MqttPort, GatewayA.ClientId!, GatewayA);
        var forged = SampleCodec.EncodeAck(new GatewayAck([.. Enumerable.Range(0, 100).Select(n => (long)n)]));
        var ack = Topics.GatewayAck(Park, "sa-gw-01");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await BrokerClient.PublishAsync(station, ack, forged));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await BrokerClient.PublishAsync(otherGateway, ack, forged));
        // Not even the gateway itself may "acknowledge" its own batches.
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await BrokerClient.PublishAsync(gateway, ack, forged));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized,
            await BrokerClient.PublishAsync(station, Topics.CalibrationCommand(Park, "SA-DIRECT-02"), Encoding.UTF8.GetBytes("{}")));
    }

    [Fact]
    public async Task A_last_will_on_a_gateways_ack_topic_is_refused_like_a_publish()
    {
        await using var cloud = await StartCloudAsync();
        cloud.Log.ExpectEvent("PublishRefused", "the test's station leaves a forged ack as its last will");
        using var gateway = await BrokerClient.ConnectedAsync(cloud.MqttPort, GatewayA.ClientId!, GatewayA);
        var received = 0;
        gateway.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref received);
            return Task.CompletedTask;
        };
        var ack = Topics.GatewayAck(Park, "sa-gw-01");
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await BrokerClient.SubscribeAsync(gateway, ack));

        var forger = new MqttClientFactory().CreateMqttClient();
        await forger.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", cloud.MqttPort)
            .WithClientId("will-forger")
            .WithCredentials(Station.Username, Station.Password)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithWillTopic(ack)
            .WithWillPayload(SampleCodec.EncodeAck(new GatewayAck([0, 1, 2])))
            .WithWillQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        // Gone without DISCONNECT: the broker publishes the will.
        forger.Dispose();

        await cloud.Log.WaitForAsync(e => e.Is("PublishRefused") && e.Message.Contains(ack, StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the will is refused");
        // A ping round trip after the refusal: anything routed to the gateway would have arrived first.
        await gateway.PingAsync();
        Assert.Equal(0, received);
    }

    [Fact]
    public async Task Wildcard_and_foreign_subscriptions_are_refused_and_own_ack_is_granted()
    {
        await using var cloud = await StartCloudAsync();
        cloud.Log.ExpectEvent("SubscribeRefused", "the test subscribes beyond its own topics");
        using var gateway = await BrokerClient.ConnectedAsync(cloud.MqttPort, GatewayA.ClientId!, GatewayA);
        using var station = await BrokerClient.ConnectedAsync(cloud.MqttPort, "direct-sub", Station);

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await BrokerClient.SubscribeAsync(gateway, "#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await BrokerClient.SubscribeAsync(gateway, Topics.AllTelemetry));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await BrokerClient.SubscribeAsync(gateway, Topics.GatewayAck(OtherPark, "sb-gw-01")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await BrokerClient.SubscribeAsync(gateway, "envmon/+/_gw/+/ack"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await BrokerClient.SubscribeAsync(station, "envmon/#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await BrokerClient.SubscribeAsync(station, Topics.CalibrationCommand(Park, "SA-DIRECT-02")));

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await BrokerClient.SubscribeAsync(gateway, Topics.GatewayAck(Park, "sa-gw-01")));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await BrokerClient.SubscribeAsync(station, Topics.CalibrationCommand(Park, "SA-DIRECT-01")));
    }

    [Fact]
    public async Task Another_identity_cannot_take_over_a_client_id()
    {
        await using var cloud = await StartCloudAsync();
        cloud.Log.ExpectEvent("ConnectRefused", "the test tries to take over client ids");
        using var gateway = await BrokerClient.ConnectedAsync(cloud.MqttPort, GatewayA.ClientId!, GatewayA);
        using var station = await BrokerClient.ConnectedAsync(cloud.MqttPort, "direct-01-session", Station);

        var (_, gatewayId) = await BrokerClient.ConnectAsync(cloud.MqttPort, GatewayA.ClientId!, OtherStation);
        var (_, stationId) = await BrokerClient.ConnectAsync(cloud.MqttPort, "direct-01-session", OtherStation);
        var (_, notItsOwn) = await BrokerClient.ConnectAsync(cloud.MqttPort, "some-other-id", GatewayA);

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, gatewayId);
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, stationId);
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, notItsOwn);
        Assert.True(gateway.IsConnected && station.IsConnected, "the owners' sessions were not taken over");
        var own = SyntheticTraffic.Telemetry(Park, ["SA-DIRECT-01"], 1, SyntheticTraffic.Start(daysAgo: 1)).Single();
        Assert.Equal(MqttClientPublishReasonCode.Success, await BrokerClient.PublishAsync(station, own.Topic, own.Payload));
    }

    [Fact]
    public async Task Big_retained_messages_are_refused_and_the_retained_store_keeps_only_small_statuses()
    {
        await using var cloud = await StartCloudAsync();
        cloud.Log.ExpectEvent("PublishRefused", "the test publishes oversized and misplaced retained messages");
        var status = Topics.StationStatus(Park, "SA-DIRECT-01");

        using (var attacker = await BrokerClient.ConnectedAsync(cloud.MqttPort, "direct-retain", Station))
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, await BrokerClient.PublishAsync(attacker, status, new byte[1024 * 1024], retain: true));
            }

            Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, await BrokerClient.PublishAsync(attacker, status, new byte[20 * 1024 * 1024], retain: true));
            var telemetry = Topics.Telemetry(Park, "SA-DIRECT-01");
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await BrokerClient.PublishAsync(attacker, telemetry, Encoding.UTF8.GetBytes("{}"), retain: true));
            // A small retained status on its own topic is accepted (no one subscribes to it here).
            Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, await BrokerClient.PublishAsync(attacker, status, Encoding.UTF8.GetBytes("""{"state":"online"}"""), retain: true));
            await attacker.DisconnectAsync();
        }

        // What outlives the connection is the retained store: only the small status is in it. (The
        // host's memory is not measured here: other test classes share this process.)
        var broker = cloud.Services.GetServices<IHostedService>().OfType<EmbeddedBroker>().Single();
        var retained = await broker.RetainedMessagesAsync();
        var kept = Assert.Single(retained);
        Assert.Equal(status, kept.Topic);
        Assert.True(kept.Payload.Length < 100, $"{kept.Payload.Length} bytes retained");
    }

    [Fact]
    public async Task Ingestion_subscribing_over_mqtt_authenticates_and_the_same_rule_refuses_forged_batches()
    {
        await using var cloud = await StartCloudAsync(new Dictionary<string, string> { ["Ingestion:InProcess"] = "false" }, TestBrokerClient.ForIngestion);
        cloud.Log.ExpectEvent("PublishRefused", "the test forges a batch");
        cloud.Log.ExpectEvent("StopRaced", "MQTTnet 5.2's listener clean-up races its accept loop when the broker stops with a subscriber attached (reported)");
        using var gateway = await BrokerClient.ConnectedAsync(cloud.MqttPort, GatewayA.ClientId!, GatewayA);
        var start = SyntheticTraffic.Start(daysAgo: 1);
        var forged = SyntheticTraffic.Batches(OtherPark, "sb-gw-01", Stations, 1, 10, start).Single();
        var own = SyntheticTraffic.Batches(Park, "sa-gw-01", Stations, 1, 10, start, firstSample: 10).Single();

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await BrokerClient.PublishAsync(gateway, forged.Topic, forged.Payload));
        Assert.Equal(MqttClientPublishReasonCode.Success, await BrokerClient.PublishAsync(gateway, own.Topic, own.Payload));
        await Eventually.UntilAsync(async () => await StoredCounts.FieldAsync(influx.Server, cloud.Database, "pH") >= 10, TimeSpan.FromSeconds(30), "the own batch is stored through the subscription");
        Assert.Equal(10, await StoredCounts.FieldAsync(influx.Server, cloud.Database, "pH"));
    }

    private Task<CloudHost> StartCloudAsync(IReadOnlyDictionary<string, string>? settings = null, params TestBrokerClient[] more)
    {
        // The stations the legitimate publishers send for are registered, so only the attacks are refused.
        var all = TestStations.Settings([(Park, "SA-WWTP-01"), (Park, "SA-DIRECT-01")]);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return CloudHost.StartAsync(influx.Server, $"brokersec_{Guid.NewGuid():N}", all, [GatewayA, GatewayB, Station, OtherStation, .. more]);
    }
}
