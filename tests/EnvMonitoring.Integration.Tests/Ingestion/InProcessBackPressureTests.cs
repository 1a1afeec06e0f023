using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>
/// With ingestion inside the embedded broker (the default), a publisher's PUBACK waits while
/// ingestion's queue and batches are full: during an InfluxDB outage the backlog stays with the
/// publishers instead of growing in the cloud's memory, and it all arrives once InfluxDB is back.
/// The same traffic with <c>Ingestion:InProcess</c> false (ingestion subscribed over MQTT to the
/// embedded broker) shows the broker PUBACKing everything and holding it in memory.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class InProcessBackPressureTests(ITestOutputHelper output)
{
    private const string Park = "PressPark";
    private const int Messages = 1_000;
    private const int QueueCapacity = 50;
    private const int BatchLines = 100;

    /// <summary>The queue, plus the batches the writer owns: one filling, two being written, one being acknowledged.</summary>
    private const int MostHeld = QueueCapacity + (4 * BatchLines);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task During_an_influxdb_outage_publishers_get_their_pubacks_only_as_far_as_ingestion_can_hold_them(bool inProcess)
    {
        await using var influx = await InfluxServer.StartAsync();
        var mqttPort = FreePort.Next();
        await using var cloud = await CloudProcess.StartAsync(new CloudProcessSettings
        {
            Influx = influx,
            Database = "press",
            BrokerPort = mqttPort,
            Extra = new Dictionary<string, string>(TestStations.Settings(Park, SyntheticTraffic.Stations("PR", 10), "__"))
            {
                ["Ingestion__InProcess"] = inProcess ? "true" : "false",
                ["Ingestion__ReceiveMaximum"] = $"{QueueCapacity}",
                ["Ingestion__MaxBatchLines"] = $"{BatchLines}",
            },
        }, output);
        var stations = SyntheticTraffic.Stations("PR", 10);
        var start = SyntheticTraffic.Start(daysAgo: 1);
        await influx.StopAsync();

        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", mqttPort)
            .WithClientId("press-stations")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(60))
            .Build());
        var acknowledged = 0;
        var publishes = SyntheticTraffic.Telemetry(Park, stations, Messages, start, 0)
            .Select(async m =>
            {
                var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(m.Topic)
                    .WithPayload(m.Payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build());
                Assert.True(result.IsSuccess, $"{m.Topic}: {result.ReasonCode} {result.ReasonString}");
                Interlocked.Increment(ref acknowledged);
            })
            .ToList();

        if (inProcess)
        {
            // Ingestion is full once its queue is and every message it holds (taken into batches, counted
            // by envmon_ingestion_messages_total, or queued) has had its PUBACK: from then on nothing more
            // is acknowledged until InfluxDB returns.
            await Eventually.UntilAsync(
                async () =>
                {
                    var queued = await PrometheusText.SumAsync(cloud.Http, "envmon_ingestion_queue");
                    var taken = await PrometheusText.SumAsync(cloud.Http, "envmon_ingestion_messages_total");
                    return queued >= QueueCapacity && taken + queued == Volatile.Read(ref acknowledged);
                },
                TimeSpan.FromSeconds(60), "ingestion's queue is full and every message it holds is PUBACKed");
        }
        else
        {
            // The embedded broker queues for ingestion's session whatever ingestion has not taken.
            await Eventually.UntilAsync(() => Volatile.Read(ref acknowledged) == Messages, TimeSpan.FromSeconds(60), $"the broker PUBACKed all {Messages} messages");
        }

        var duringOutage = Volatile.Read(ref acknowledged);
        output.WriteLine($"{duringOutage} of {Messages} messages PUBACKed during the outage (in-process: {inProcess})");
        Assert.InRange(duringOutage, 1, inProcess ? MostHeld : Messages);

        await influx.RestartAsync();
        await Task.WhenAll(publishes).WaitAsync(TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync(async () => await StoredCounts.ValuesAsync(influx, "press") == (long)Messages * SyntheticTraffic.ValuesPerSample,
            TimeSpan.FromSeconds(60), $"all {Messages * SyntheticTraffic.ValuesPerSample} values are stored after InfluxDB returned");
        Assert.Equal(Messages, acknowledged);
        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        Assert.Empty(cloud.LoggedErrors);
    }
}
