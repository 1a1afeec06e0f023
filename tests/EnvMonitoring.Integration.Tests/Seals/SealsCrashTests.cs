using System.Globalization;
using EnvMonitoring.Cloud.Seals;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Integration.Tests.Ingestion;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Seals;

/// <summary>
/// A crash between acknowledging data and sealing it (docs/evidence.md, "Recovery"): a gateway's
/// backlog for a day three days ago is stored and acknowledged, and the host is killed (SIGKILL)
/// before its next seal. The day is neither today nor yesterday, which a start always reads again;
/// it was marked owed before the acknowledgement, so the restarted host seals it, and settles the
/// mark once the seal is written, while another station's live data is sealed every tick.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class SealsCrashTests(ITestOutputHelper output)
{
    private const string Park = "SealCrashPark";
    private const string Gateway = "sealcrash-gw-01";
    private const string LiveGateway = "sealcrash-gw-02";
    private const string Database = "sealcrash";
    private const int Batches = 3;
    private const int SamplesPerBatch = 20;

    [Fact]
    public async Task Late_data_acknowledged_and_not_yet_sealed_when_the_host_is_killed_is_sealed_after_the_restart()
    {
        await using var influx = await InfluxServer.StartAsync();
        await using var broker = await MosquittoServer.StartAsync(DeployedMosquitto.Options());
        var stations = SyntheticTraffic.Stations("SX", 2);
        var start = SyntheticTraffic.Start(daysAgo: 3);
        var day = DateOnly.FromDateTime(start.DateTime);
        var directory = Directory.CreateTempSubdirectory("envmon-sealcrash-").FullName;
        try
        {
            // The first run seals once an hour: what it acknowledges waits in its books when it is killed.
            var (hourly, everySecond) = (Settings(influx, broker.Port, stations, "01:00:00"), Settings(influx, broker.Port, stations, "00:00:01"));
            await using (var cloud = await CloudProcess.StartAsync(hourly, output, directory))
            {
                await using var acks = await GatewayAckListener.StartAsync(broker.Port, Park, Gateway);
                await using (var gateway = await PipelinedPublisher.ConnectAsync(broker.Port, Gateway))
                {
                    await gateway.PublishAsync(SyntheticTraffic.Batches(Park, Gateway, stations, Batches, SamplesPerBatch, start));
                }

                await Eventually.UntilAsync(() => Task.FromResult(acks.Acknowledged.Count == Batches), TimeSpan.FromSeconds(30), "the gateway was told every batch is stored");
                await cloud.KillAsync();
            }

            foreach (var station in stations)
            {
                var (exit, killed) = await VerifyAsync(influx, directory, stations, station, day);
                Assert.True(exit == 3, $"nothing of {station} was sealed before the kill: {killed}");
            }

            Assert.Equal(stations.Order(), (await OwedAsync(influx)).Order());

            // Restarted (sealing every second, so the settlement shows within the test): the owed day is recovered and sealed.
            await using (var restarted = await CloudProcess.StartAsync(everySecond, output, directory))
            {
                // Live data for the first station all along: each tick seals its today first, and the other's owed day is still settled.
                using var live = new CancellationTokenSource();
                var streaming = StreamTodayAsync(broker.Port, stations[0], live.Token);
                foreach (var station in stations)
                {
                    var verified = "";
                    await Eventually.UntilAsync(async () => (await VerifyAsync(influx, directory, stations, station, day)) is (0, var text) && (verified = text).Length > 0,
                        TimeSpan.FromSeconds(30), $"{station}'s {day:yyyy-MM-dd} verifies");
                    Assert.Contains($"{day:yyyy-MM-dd}  INTACT", verified, StringComparison.Ordinal);
                    Assert.Contains($"{Batches * SamplesPerBatch / stations.Length} sample(s)", verified, StringComparison.Ordinal);
                }

                // Settled once the seals are written and the day's books forgotten.
                await Eventually.UntilAsync(async () => (await OwedAsync(influx)).Count == 0, TimeSpan.FromSeconds(30), "no day is owed any more");
                await live.CancelAsync();
                output.WriteLine($"{await streaming} live samples of {stations[0]} sent meanwhile");
                Assert.Empty(restarted.LoggedErrors);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static CloudProcessSettings Settings(InfluxServer influx, int brokerPort, string[] stations, string sealInterval) => new()
    {
        Influx = influx,
        Database = Database,
        EmbeddedBroker = false,
        BrokerPort = brokerPort,
        ClientId = "sealcrash-ingestion",
        Extra = new Dictionary<string, string>(TestStations.Settings(Park, stations, "__")) { ["Seals__Interval"] = sealInterval },
    };

    /// <summary>Sends a sample of <paramref name="station"/> measured now every 100 ms, as its own gateway batch, until stopped; how many.</summary>
    private static async Task<int> StreamTodayAsync(int port, string station, CancellationToken stop)
    {
        await using var gateway = await PipelinedPublisher.ConnectAsync(port, LiveGateway);
        var sent = 0;
        while (!stop.IsCancellationRequested)
        {
            var sample = SyntheticTraffic.Sample([station], sent, DateTimeOffset.UtcNow.AddSeconds(-sent));
            await gateway.PublishAsync([(Topics.GatewayBatch(Park, LiveGateway), SampleCodec.EncodeBatch(new GatewayBatch(LiveGateway, sent, [sample])))]);
            sent++;
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }

        return sent;
    }

    /// <summary>The stations with a day marked owed in InfluxDB.</summary>
    private static async Task<List<string>> OwedAsync(InfluxServer influx)
    {
        using var document = await influx.QueryAsync(Database, $"SELECT \"station\", \"owed\" FROM \"seals\".\"{OwedDays.Name}\" WHERE \"owed\" = true");
        var result = document.RootElement.GetProperty("results")[0];
        return result.TryGetProperty("series", out var series)
            ? [.. series.EnumerateArray().SelectMany(s => s.GetProperty("values").EnumerateArray()).Select(row => row[1].GetString()!)]
            : [];
    }

    private static Task<(int Exit, string Output)> VerifyAsync(InfluxServer influx, string directory, string[] stations, string station, DateOnly day) =>
        SealsHostTests.VerifyAsync(
        [
            .. influx.CloudSettings(Database).Select(s => $"--{s.Key}={s.Value}"),
            .. TestStations.Settings(Park, stations).Select(s => $"--{s.Key}={s.Value}"),
            $"--Seals:KeyDirectory={Path.Combine(directory, "seal-keys")}",
            "--station", station, "--from", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ]);
}
