using System.Diagnostics;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>
/// Acceptance: SIGKILL of the ingestion process while 200,000 values are in flight, then restart —
/// every value is in InfluxDB. mosquitto (configured as deployed) is the broker, so it outlives the
/// crash and redelivers what ingestion never acknowledged to the resumed persistent session. The
/// values are all published while ingestion is stopped, so at the kill every one of them is either
/// queued in the broker, in ingestion, or just written.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class KilledIngestionTests(ITestOutputHelper output)
{
    private const string Park = "CrashPark";
    private const string Gateway = "crash-gw-01";
    private const int Batches = 250;
    private const int SamplesPerBatch = 100;
    private const int Samples = Batches * SamplesPerBatch;
    private const int StationCount = 10;

    [Fact]
    public async Task Every_value_in_flight_when_ingestion_is_killed_is_stored_after_it_restarts()
    {
        await using var influx = await InfluxServer.StartAsync();
        await using var broker = await MosquittoServer.StartAsync(DeployedMosquitto.Options());
        await using var cloud = await CloudProcess.StartAsync(new CloudProcessSettings
        {
            Influx = influx,
            Database = "crash",
            EmbeddedBroker = false,
            BrokerPort = broker.Port,
            ClientId = "crash-ingestion",
            // Two messages (200 samples) per round trip keep the 250 batches flowing for seconds, so
            // the kill lands mid-stream; the product default (4,096) takes them all in one go, and
            // with ten a quiet machine stored all 25,000 samples before the first poll saw any.
            Extra = new Dictionary<string, string>(TestStations.Settings(Park, SyntheticTraffic.Stations("CR", StationCount), "__")) { ["Ingestion__ReceiveMaximum"] = "2" },
        }, output);
        await using var acks = await GatewayAckListener.StartAsync(broker.Port, Park, Gateway);
        var stations = SyntheticTraffic.Stations("CR", StationCount);
        var start = SyntheticTraffic.Start(daysAgo: 2);
        var clock = Stopwatch.StartNew();

        // Ingestion stops (its session stays with the broker); all 250 batches are PUBACKed by the
        // broker into that session's queue; ingestion starts again and takes them up.
        await cloud.StopAsync();
        await using (var gateway = await PipelinedPublisher.ConnectAsync(broker.Port, Gateway))
        {
            await gateway.PublishAsync(SyntheticTraffic.Batches(Park, Gateway, stations, Batches, SamplesPerBatch, start));
        }

        output.WriteLine($"published {Samples * SyntheticTraffic.ValuesPerSample} values in {clock.ElapsedMilliseconds} ms");
        await cloud.StartAgainAsync();
        long stored = 0;
        await Eventually.UntilAsync(async () => (stored = await StoredCounts.FieldAsync(influx, "crash", "pH")) > 0,
            TimeSpan.FromSeconds(30), "ingestion has stored its first samples");
        await cloud.KillAsync();
        var acknowledged = acks.Acknowledged;
        var atKill = await StoredCounts.FieldAsync(influx, "crash", "pH");
        output.WriteLine($"killed at {clock.ElapsedMilliseconds} ms: {atKill} of {Samples} samples stored ({stored} seen before the kill), {acknowledged.Count} batches acknowledged");
        Assert.True(atKill < Samples, $"ingestion stored all {Samples} samples before it was killed; nothing was in flight");

        // Ack only after the write: every batch a gateway was told is stored is stored in full.
        var perBatch = await StoredCounts.PerBucketAsync(influx, "crash", "pH", start, Batches, SamplesPerBatch / StationCount);
        foreach (var number in acknowledged)
        {
            Assert.True(perBatch[number] == SamplesPerBatch, $"batch {number} was acknowledged to its gateway with {perBatch[number]} of {SamplesPerBatch} samples stored");
        }

        await cloud.StartAgainAsync();
        await Eventually.UntilAsync(async () => await StoredCounts.ValuesAsync(influx, "crash") == Samples * SyntheticTraffic.ValuesPerSample,
            TimeSpan.FromSeconds(60), $"all {Samples * SyntheticTraffic.ValuesPerSample} values are stored after the restart");
        output.WriteLine($"all stored at {clock.ElapsedMilliseconds} ms");

        // The gateway's part (docs/edge.md): what is still unacknowledged is sent again. A kill between
        // ingestion's PUBACK to the broker and its ack to the gateway leaves batches the broker will
        // not redeliver; the gateway's re-send is what gets them acknowledged.
        var unacknowledged = Enumerable.Range(0, Batches).Where(b => !acks.Acknowledged.Contains(b)).ToHashSet();
        if (unacknowledged.Count > 0)
        {
            output.WriteLine($"re-sending {unacknowledged.Count} unacknowledged batches: {string.Join(' ', unacknowledged.Order())}");
            await using var gateway = await PipelinedPublisher.ConnectAsync(broker.Port, Gateway);
            await gateway.PublishAsync(SyntheticTraffic.Batches(Park, Gateway, stations, Batches, SamplesPerBatch, start).Where((_, b) => unacknowledged.Contains(b)));
        }

        await Eventually.UntilAsync(() => acks.Acknowledged.Count == Batches, TimeSpan.FromSeconds(30), "the gateway got an ack for every batch");
        foreach (var field in SyntheticTraffic.Fields)
        {
            Assert.Equal(Samples, await StoredCounts.FieldAsync(influx, "crash", field));
        }

        Assert.Empty(cloud.LoggedErrors);
    }
}
