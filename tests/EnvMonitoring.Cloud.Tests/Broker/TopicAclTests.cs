using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Protocol.Topics;
using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Tests.Broker;

public sealed class TopicAclTests
{
    private static readonly BrokerIdentity Gateway = new(BrokerRole.Gateway, "gw-a", "ParkA", Gateway: "gw-a");
    private static readonly BrokerIdentity Station = new(BrokerRole.Station, "st-a", "ParkA", Station: "A-01");
    private static readonly BrokerIdentity Ingestion = new(BrokerRole.Ingestion, "ingestion");
    private readonly TopicAcl _acl = new(maxPacketBytes: 1024 * 1024, maxRetainedBytes: 1024);

    [Theory]
    [InlineData("envmon/ParkA/_gw/gw-a/batch", false, null)]
    [InlineData("envmon/ParkA/_gw/gw-a/status", true, null)]
    [InlineData("envmon/ParkB/_gw/gw-a/batch", false, MqttPubAckReasonCode.NotAuthorized)]
    [InlineData("envmon/ParkA/_gw/gw-b/batch", false, MqttPubAckReasonCode.NotAuthorized)]
    [InlineData("envmon/ParkA/_gw/gw-a/ack", false, MqttPubAckReasonCode.NotAuthorized)]
    [InlineData("envmon/ParkA/A-01/telemetry", false, MqttPubAckReasonCode.NotAuthorized)]
    [InlineData("envmon/ParkA/A-01/cmd/calibration", false, MqttPubAckReasonCode.NotAuthorized)]
    [InlineData("envmon/ParkA/_gw/gw-a/batch", true, MqttPubAckReasonCode.NotAuthorized)]
    [InlineData("somewhere/else", false, MqttPubAckReasonCode.TopicNameInvalid)]
    public void A_gateway_publishes_only_its_own_batches_and_status(string topic, bool retain, MqttPubAckReasonCode? refused) =>
        Assert.Equal(refused, _acl.AuthorizePublish(Gateway, topic, retain, 100)?.Code);

    [Theory]
    [InlineData("envmon/ParkA/A-01/telemetry", false, null)]
    [InlineData("envmon/ParkA/A-01/status", true, null)]
    [InlineData("envmon/ParkA/A-02/telemetry", false, MqttPubAckReasonCode.NotAuthorized)]
    [InlineData("envmon/ParkB/A-01/telemetry", false, MqttPubAckReasonCode.NotAuthorized)]
    [InlineData("envmon/ParkA/_gw/gw-a/batch", false, MqttPubAckReasonCode.NotAuthorized)]
    [InlineData("envmon/ParkA/A-01/telemetry", true, MqttPubAckReasonCode.NotAuthorized)]
    public void A_direct_station_publishes_only_its_own_topics(string topic, bool retain, MqttPubAckReasonCode? refused) =>
        Assert.Equal(refused, _acl.AuthorizePublish(Station, topic, retain, 100)?.Code);

    [Fact]
    public void Only_the_cloud_and_ingestion_publish_acks()
    {
        var ack = Topics.GatewayAck("ParkA", "gw-a");

        Assert.Null(_acl.AuthorizePublish(BrokerIdentity.Cloud, ack, retain: false, 100));
        Assert.Null(_acl.AuthorizePublish(Ingestion, ack, retain: false, 100));
        Assert.Equal(MqttPubAckReasonCode.NotAuthorized, _acl.AuthorizePublish(Ingestion, Topics.GatewayBatch("ParkA", "gw-a"), retain: false, 100)?.Code);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Only_the_cloud_publishes_commands_retained_or_not(bool retain)
    {
        var command = Topics.CalibrationCommand("ParkA", "A-01");
        var gatewayOfThePark = new BrokerIdentity(BrokerRole.Gateway, "gw-a", "ParkA", Gateway: "gw-a");

        Assert.Null(_acl.AuthorizePublish(BrokerIdentity.Cloud, command, retain, 100));
        Assert.Null(_acl.AuthorizePublish(Ingestion, command, retain, 100));
        Assert.Equal(MqttPubAckReasonCode.NotAuthorized, _acl.AuthorizePublish(Station, command, retain, 100)?.Code);
        Assert.Equal(MqttPubAckReasonCode.NotAuthorized, _acl.AuthorizePublish(gatewayOfThePark, command, retain, 100)?.Code);
        Assert.Equal(MqttPubAckReasonCode.NotAuthorized, _acl.AuthorizePublish(BrokerIdentity.Nobody, command, retain, 100)?.Code);
    }

    [Fact]
    public void Sizes_are_bounded_for_everyone_the_anonymous_test_client_included()
    {
        var status = Topics.StationStatus("ParkA", "A-01");

        Assert.Equal(MqttPubAckReasonCode.QuotaExceeded, _acl.AuthorizePublish(Station, status, retain: true, 1025)?.Code);
        Assert.Equal(MqttPubAckReasonCode.QuotaExceeded, _acl.AuthorizePublish(BrokerIdentity.Anonymous, "any", retain: false, 1024 * 1024 + 1)?.Code);
        Assert.Equal(MqttPubAckReasonCode.QuotaExceeded, _acl.AuthorizePublish(BrokerIdentity.Anonymous, "any", retain: true, 2048)?.Code);
        Assert.Null(_acl.AuthorizePublish(BrokerIdentity.Anonymous, "any", retain: false, 2048));
    }

    [Theory]
    [InlineData("envmon/ParkA/_gw/gw-a/ack", true)]
    [InlineData("envmon/ParkA/+/cmd/#", true)]
    [InlineData("envmon/ParkA/A-01/cmd/calibration", true)]
    [InlineData("envmon/ParkA/+/cmd/calibration", false)]
    [InlineData("envmon/ParkA/#", false)]
    [InlineData("envmon/+/+/cmd/#", false)]
    [InlineData("envmon/ParkB/+/cmd/#", false)]
    [InlineData("envmon/ParkB/B-01/cmd/calibration", false)]
    [InlineData("#", false)]
    [InlineData("envmon/#", false)]
    [InlineData("envmon/+/_gw/+/ack", false)]
    [InlineData("envmon/ParkB/_gw/gw-a/ack", false)]
    [InlineData("envmon/ParkA/_gw/gw-b/ack", false)]
    [InlineData("envmon/ParkB/+/cmd/calibration", false)]
    [InlineData("envmon/+/+/telemetry", false)]
    public void A_gateway_subscribes_only_to_its_ack_and_its_parks_commands(string filter, bool allowed) =>
        Assert.Equal(allowed, TopicAcl.AuthorizeSubscribe(Gateway, filter) is null);

    [Theory]
    [InlineData("envmon/ParkA/A-01/cmd/calibration", true)]
    [InlineData("envmon/ParkA/A-02/cmd/calibration", false)]
    [InlineData("envmon/ParkA/+/cmd/calibration", false)]
    [InlineData("envmon/ParkA/A-01/telemetry", false)]
    public void A_direct_station_subscribes_only_to_its_own_commands(string filter, bool allowed) =>
        Assert.Equal(allowed, TopicAcl.AuthorizeSubscribe(Station, filter) is null);

    [Theory]
    [InlineData("envmon/+/+/telemetry", true)]
    [InlineData("envmon/+/_gw/+/batch", true)]
    [InlineData("$share/cloud/envmon/+/_gw/+/batch", true)]
    [InlineData("#", false)]
    [InlineData("envmon/+/_gw/+/ack", false)]
    public void Ingestion_subscribes_to_telemetry_and_batches_only(string filter, bool allowed) =>
        Assert.Equal(allowed, TopicAcl.AuthorizeSubscribe(Ingestion, filter) is null);
}
