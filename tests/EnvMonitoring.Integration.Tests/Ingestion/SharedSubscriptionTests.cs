using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>
/// Acceptance: with mosquitto as the external broker and two ingestion instances on one MQTT 5
/// shared subscription, all data is written once and the load is split between them.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class SharedSubscriptionTests(ITestOutputHelper output)
{
    private const string Park = "SharedPark";
    private const string Gateway = "shared-gw-01";
    private const string Database = "shared";
    private const int Batches = 200;
    private const int SamplesPerBatch = 100;
    private const int TelemetryMessages = 2_000;
    private const int Messages = Batches + TelemetryMessages;
    private const int Samples = (Batches * SamplesPerBatch) + TelemetryMessages;

    [Fact]
    public async Task Two_instances_on_one_shared_subscription_write_every_message_once_and_split_the_load()
    {
        await using var influx = await InfluxServer.StartAsync();
        await using var broker = await MosquittoServer.StartAsync(DeployedMosquitto.Options());
        CloudProcessSettings Instance(string clientId) => new()
        {
            Influx = influx,
            Database = Database,
            EmbeddedBroker = false,
            BrokerPort = broker.Port,
            ClientId = clientId,
            SharedSubscriptionGroup = "envmon-ingestion",
            Extra = TestStations.Settings(Park, SyntheticTraffic.Stations("SH", 10), "__"),
        };
        await using var first = await CloudProcess.StartAsync(Instance("shared-ingestion-a"), output);
        await using var second = await CloudProcess.StartAsync(Instance("shared-ingestion-b"), output);
        await using var acks = await GatewayAckListener.StartAsync(broker.Port, Park, Gateway);
        var stations = SyntheticTraffic.Stations("SH", 10);
        var start = SyntheticTraffic.Start(daysAgo: 4);

        await using (var gateway = await PipelinedPublisher.ConnectAsync(broker.Port, Gateway))
        await using (var direct = await PipelinedPublisher.ConnectAsync(broker.Port, "shared-stations"))
        {
            await Task.WhenAll(
                gateway.PublishAsync(SyntheticTraffic.Batches(Park, Gateway, stations, Batches, SamplesPerBatch, start)),
                direct.PublishAsync(SyntheticTraffic.Telemetry(Park, stations, TelemetryMessages, start, firstSample: Batches * SamplesPerBatch)));
        }

        await Eventually.UntilAsync(async () => await StoredCounts.ValuesAsync(influx, Database) == (long)Samples * SyntheticTraffic.ValuesPerSample,
            TimeSpan.FromSeconds(60), $"all {Samples * SyntheticTraffic.ValuesPerSample} values are stored");
        foreach (var field in SyntheticTraffic.Fields)
        {
            Assert.Equal(Samples, await StoredCounts.FieldAsync(influx, Database, field));
        }

        await Eventually.UntilAsync(() => acks.Acknowledged.Count == Batches, TimeSpan.FromSeconds(30), "the gateway got an ack for every batch");
        var byFirst = await PrometheusText.SumAsync(first.Http, "envmon_ingestion_messages_total");
        var bySecond = await PrometheusText.SumAsync(second.Http, "envmon_ingestion_messages_total");
        output.WriteLine($"instance a took {byFirst} messages, instance b {bySecond}, of {Messages}");
        Assert.Equal(Messages, byFirst + bySecond);
        Assert.True(byFirst >= 0.2 * Messages, $"instance a took only {byFirst} of {Messages} messages");
        Assert.True(bySecond >= 0.2 * Messages, $"instance b took only {bySecond} of {Messages} messages");
        Assert.Empty(first.LoggedErrors);
        Assert.Empty(second.LoggedErrors);
    }
}
