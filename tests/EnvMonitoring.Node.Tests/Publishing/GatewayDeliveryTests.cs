using EnvMonitoring.Node.Tests.Support;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using MQTTnet.Protocol;

namespace EnvMonitoring.Node.Tests.Publishing;

/// <summary>
/// The real node (simulator backend, 1-second reports) against a real MQTT broker: publishing,
/// reconnecting, and the on-disk outbox replaying in order after the broker returns and after the
/// node restarts — no reading lost, none duplicated in seq.
/// </summary>
public sealed class GatewayDeliveryTests : IDisposable
{
    private const string Park = "YenBinh";
    private const string Station = "YB-WWTP-01";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TemporaryDirectory _buffer = new();

    [Fact]
    public async Task Samples_go_out_at_qos1_with_consecutive_seq_measurement_time_and_a_retained_online_status()
    {
        await using var broker = await TestBroker.StartAsync();
        var started = DateTimeOffset.UtcNow;
        await using (var node = await StartNodeAsync(broker))
        {
            await Eventually.UntilAsync(() => Delivered.Through(broker, Station, 2), Patience, "three samples arrive");
            Assert.Contains("\"state\":\"online\"", await broker.RetainedAsync(Topics.StationStatus(Park, Station)), StringComparison.Ordinal);
        }

        var samples = Delivered.AssertComplete(broker, Station);
        Assert.All(broker.Deliveries, d => Assert.Equal(Topics.Telemetry(Park, Station), d.Topic));
        Assert.All(samples, s =>
        {
            Assert.Equal(TimeSpan.FromHours(7), s.Timestamp.Offset);
            Assert.Equal(0, s.Timestamp.Millisecond);
            Assert.InRange(s.Timestamp, started, DateTimeOffset.UtcNow);
            Assert.Equal(7, s.Readings.Count);
        });
        Assert.Contains("\"state\":\"offline\"", await broker.RetainedAsync(Topics.StationStatus(Park, Station)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readings_taken_while_the_gateway_is_down_are_sent_oldest_first_when_it_returns()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var node = await StartNodeAsync(broker);
        node.Log.ExpectEvent("GatewayUnreachable", "the test stops the gateway's broker");
        await Eventually.UntilAsync(() => Delivered.Through(broker, Station, 1), Patience, "two samples arrive");

        await broker.StopAsync();
        await Eventually.UntilAsync(() => node.Outbox(Station).Count >= 4, Patience, "four readings wait in the outbox");
        await broker.StartAgainAsync();
        var measured = node.Outbox(Station).NextSeq;

        await Eventually.UntilAsync(() => Delivered.Through(broker, Station, measured + 1), Patience, "the backlog and a new sample arrive");
        Delivered.AssertComplete(broker, Station);
        Assert.Contains(node.Log.Entries, e => e.Is("GatewayReachable"));
    }

    [Fact]
    public async Task Readings_survive_a_node_restart_while_the_gateway_is_down()
    {
        await using var broker = TestBroker.NotYetStarted();
        long beforeReboot;
        await using (var node = await StartNodeAsync(broker))
        {
            node.Log.ExpectEvent("GatewayUnreachable", "the gateway's broker has not started yet");
            await Eventually.UntilAsync(() => node.Outbox(Station).Count >= 3, Patience, "three readings wait in the outbox");
        }

        await using (var rebooted = await StartNodeAsync(broker))
        {
            rebooted.Log.ExpectEvent("GatewayUnreachable", "the gateway's broker has not started yet");
            beforeReboot = rebooted.Outbox(Station).Count;
            Assert.Equal(beforeReboot, rebooted.Outbox(Station).NextSeq);
            await Eventually.UntilAsync(() => rebooted.Outbox(Station).NextSeq >= beforeReboot + 2, Patience, "the rebooted node measures on");

            await broker.StartAgainAsync();
            var measured = rebooted.Outbox(Station).NextSeq;
            await Eventually.UntilAsync(() => Delivered.Through(broker, Station, measured), Patience, "readings from before and after the reboot arrive");
        }

        var samples = Delivered.AssertComplete(broker, Station);
        Assert.True(samples.Count >= beforeReboot + 3);
    }

    [Fact]
    public async Task A_sample_refused_for_a_full_gateway_stays_first_in_line_until_accepted()
    {
        await using var broker = await TestBroker.StartAsync();
        var refusals = 0;
        broker.Decide = sample => sample.Seq == 1 && Interlocked.Increment(ref refusals) <= 3 ? MqttPubAckReasonCode.QuotaExceeded : null;
        await using var node = await StartNodeAsync(broker);
        node.Log.ExpectEvent("GatewayFull", "the broker refuses sample 1 three times with QuotaExceeded");

        await Eventually.UntilAsync(() => Delivered.Through(broker, Station, 3), Patience, "samples after the refused one arrive");

        Delivered.AssertComplete(broker, Station);
        var ofSeq1 = broker.Deliveries.Where(d => d.Sample.Seq == 1).Select(d => d.Reason).ToList();
        Assert.Equal([MqttPubAckReasonCode.QuotaExceeded, MqttPubAckReasonCode.QuotaExceeded, MqttPubAckReasonCode.QuotaExceeded, MqttPubAckReasonCode.Success], ofSeq1);
    }

    [Fact]
    public async Task A_sample_refused_as_malformed_or_unauthorized_is_dropped_and_the_next_goes_out()
    {
        await using var broker = await TestBroker.StartAsync();
        broker.Decide = sample => sample.Seq switch
        {
            1 => MqttPubAckReasonCode.PayloadFormatInvalid,
            2 => MqttPubAckReasonCode.NotAuthorized,
            _ => null,
        };
        await using var node = await StartNodeAsync(broker);
        node.Log.ExpectEvent("Refused", "the broker refuses samples 1 and 2 for good");

        await Eventually.UntilAsync(() => Delivered.Seqs(broker, Station).Contains(4), Patience, "samples after the refused ones arrive");

        Assert.Equal([0L, 3L, 4L], Delivered.Seqs(broker, Station).Take(3));
        Assert.Single(broker.Deliveries, d => d.Sample.Seq == 1);
        Assert.Single(broker.Deliveries, d => d.Sample.Seq == 2);
        Assert.Equal(2, node.Log.Entries.Count(e => e.Is("Refused") && e.Level == LogLevel.Error));
    }

    public void Dispose() => _buffer.Dispose();

    private Task<NodeUnderTest> StartNodeAsync(TestBroker broker) =>
        NodeUnderTest.StartAsync(NodeUnderTest.Settings(Park, broker.Port, _buffer.Path, TimeSpan.FromSeconds(1), (Station, "Water")));
}
