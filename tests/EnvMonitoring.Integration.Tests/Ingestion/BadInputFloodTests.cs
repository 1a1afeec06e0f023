using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Cloud.Seals;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Integration.Tests.Slice;
using EnvMonitoring.Testing;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>
/// Acceptance: a flood of bad input mixed into valid traffic on the cloud broker. The process stays
/// healthy, every valid value is stored exactly, every bad item is in the quarantine with its
/// reason (and stays there across a crash), and nothing bad ever adds or alters a point, a series,
/// a field or a tag in InfluxDB.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class BadInputFloodTests(ITestOutputHelper output)
{
    private const string Park = "FloodPark";
    private const string Gateway = "fl-gw-01";
    private const string Database = "flood";
    private const int Rounds = 3;
    private const int TelemetrySamples = 400;
    private const int Batches = 10;
    private const int SamplesPerBatch = 50;

    [Fact]
    public async Task Bad_input_is_quarantined_with_its_reason_and_never_adds_or_alters_stored_data()
    {
        await using var influx = await InfluxServer.StartAsync();
        var mqttPort = FreePort.Next();
        await using var cloud = await CloudProcess.StartAsync(new CloudProcessSettings
        {
            Influx = influx,
            Database = Database,
            BrokerPort = mqttPort,
            Extra = TestStations.Settings(Park, SyntheticTraffic.Stations("FL", 4), "__"),
        }, output);
        await using var acks = await GatewayAckListener.StartAsync(mqttPort, Park, Gateway);
        var stations = SyntheticTraffic.Stations("FL", 4);
        var start = SyntheticTraffic.Start(daysAgo: 6);

        var valid = SyntheticTraffic.Telemetry(Park, stations, TelemetrySamples, start)
            .Concat(SyntheticTraffic.Batches(Park, Gateway, stations, Batches, SamplesPerBatch, start, firstSample: TelemetrySamples))
            .ToList();
        var bad = Enumerable.Range(0, Rounds)
            .SelectMany(round => BadInputFlood.Round(Park, stations, Gateway, round, start.AddDays(-1), withHugePayloads: round == 0))
            .ToList();
        var flood = valid.Concat(bad.Select(b => (b.Topic, b.Payload))).ToArray();
        new Random(5).Shuffle(flood);
        await using (var publisher = await PipelinedPublisher.ConnectAsync(mqttPort, "flood"))
        {
            await publisher.PublishAsync(flood, window: 20);

            // Acks go out in order, each after its batch is stored and the quarantine synced: the ack
            // of a batch sent after the flood says the whole flood has been dealt with.
            await publisher.PublishAsync(SyntheticTraffic.Batches(Park, Gateway, stations, 1, SamplesPerBatch, start,
                firstSample: TelemetrySamples + (Batches * SamplesPerBatch), firstNumber: Batches));
        }

        await Eventually.UntilAsync(() => acks.Acknowledged.Contains(Batches), TimeSpan.FromSeconds(60), "the batch sent after the flood is acknowledged");
        output.WriteLine($"{valid.Count + 1} valid and {bad.Count} bad messages ({bad.Sum(b => b.Reasons.Count)} refused items) dealt with");
        Assert.Equal(HttpStatusCode.OK, await cloud.HealthAsync());

        var samples = TelemetrySamples + ((Batches + 1) * SamplesPerBatch);
        var expected = Enumerable.Range(0, samples).Select(g => ExpectedPoint.Of(SyntheticTraffic.Sample(stations, g, start)))
            .Concat(bad.SelectMany(b => b.Kept))
            .ToList();
        await AssertStoredExactlyAsync(influx, stations, expected);
        var quarantined = await AssertQuarantinedAsync(cloud, bad);
        Assert.Equal(bad.Sum(b => b.Reasons.Count), await PrometheusText.SumAsync(cloud.Http, "envmon_ingestion_rejections_total"));
        Assert.Empty(cloud.LoggedErrors);

        // The quarantine is durable: a crash right now loses none of it.
        await cloud.KillAsync();
        await cloud.StartAgainAsync();
        var afterRestart = await QuarantineAsync(cloud);
        Assert.Equal(Describe(quarantined), Describe(afterRestart.GetProperty("entries")));
    }

    private static async Task AssertStoredExactlyAsync(InfluxServer influx, IReadOnlyList<string> stations, List<ExpectedPoint> expected)
    {
        // Besides the samples only the host's own journals: the audit log records the admin reading the quarantine.
        // The journals and the seals (a closing seal for yesterday, made at start; the marks of days whose late data waits for one) are the platform's own.
        Assert.Equal(["sample"], (await StoredSchema.MeasurementsAsync(influx, Database)).Except(["alert_event", "audit", SealStore.Name, OwedDays.Name, "station_limit"]));
        Assert.Equal([.. stations.Select(s => $"sample,park={Park},station={s}")], await StoredSchema.SeriesAsync(influx, Database));
        Assert.Equal(["park", "station"], await StoredSchema.TagKeysAsync(influx, Database));
        Assert.Equal([Park], await StoredSchema.TagValuesAsync(influx, Database, "park"));
        Assert.Equal([.. stations], await StoredSchema.TagValuesAsync(influx, Database, "station"));
        var fields = expected.SelectMany(p => p.Fields.Keys).Distinct()
            .Select(f => f == "seq" || f.EndsWith("_status", StringComparison.Ordinal) ? $"{f}:integer" : $"{f}:float")
            .Order(StringComparer.Ordinal);
        Assert.Equal(fields, await StoredSchema.FieldKeysAsync(influx, Database));

        foreach (var station in stations)
        {
            var stored = await StoredPoints.ReadAsync(influx, Database, station);
            var wanted = expected.Where(p => p.Station == station).ToDictionary(p => p.Time.ToUnixTimeMilliseconds());
            Assert.Equal(wanted.Keys.Order(), stored.Keys.Order());
            foreach (var (time, point) in wanted)
            {
                foreach (var (column, value) in stored[time])
                {
                    if (column is "time" or "park" or "station")
                    {
                        continue;
                    }

                    var expectedValue = point.Fields.TryGetValue(column, out var v) ? v : (double?)null;
                    var storedValue = value.ValueKind == JsonValueKind.Number ? value.GetDouble() : (double?)null;
                    Assert.True(expectedValue == storedValue, $"{station} at {point.Time:O}: {column} is {storedValue?.ToString() ?? "absent"}, expected {expectedValue?.ToString() ?? "absent"}");
                }
            }
        }
    }

    private static async Task<JsonElement> AssertQuarantinedAsync(CloudProcess cloud, List<BadInput> bad)
    {
        var quarantine = await QuarantineAsync(cloud);
        var entries = quarantine.GetProperty("entries");
        Assert.Equal(bad.Sum(b => b.Reasons.Count), entries.GetArrayLength());

        var byTopic = entries.EnumerateArray().ToLookup(e => e.GetProperty("topic").GetString()!, StringComparer.Ordinal);
        foreach (var group in bad.GroupBy(b => b.Topic, StringComparer.Ordinal))
        {
            var wanted = group.SelectMany(b => b.Reasons).Order(StringComparer.Ordinal).ToList();
            var got = byTopic[group.Key].Select(e => e.GetProperty("reason").GetString()!).Order(StringComparer.Ordinal).ToList();
            Assert.True(wanted.SequenceEqual(got),
                $"{string.Join(", ", group.Select(b => b.Name))} on '{group.Key}': quarantined as [{string.Join(", ", got)}], expected [{string.Join(", ", wanted)}]");

            // Each message's first entry carries the start of its payload and the whole payload's size.
            var sizes = byTopic[group.Key].Where(e => e.GetProperty("payload").ValueKind == JsonValueKind.String)
                .Select(e => e.GetProperty("payloadBytes").GetInt32()).Order();
            Assert.Equal(group.Select(b => b.Payload.Length).Order(), sizes);
        }

        foreach (var entry in entries.EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("path").GetString()), entry.ToString());
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("detail").GetString()), entry.ToString());
            if (entry.GetProperty("payload").GetString() is { } payload)
            {
                Assert.True(payload.Length <= 1024, $"a quarantined payload excerpt is {payload.Length} characters: {entry.GetProperty("topic")}");
            }
        }

        var counts = quarantine.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        var wantedCounts = bad.SelectMany(b => b.Reasons).GroupBy(r => r).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(wantedCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal), counts.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        return entries.Clone();
    }

    private static async Task<JsonElement> QuarantineAsync(CloudProcess cloud) =>
        await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("api/quarantine?limit=10000", UriKind.Relative));

    private static List<string> Describe(JsonElement entries) =>
    [
        .. entries.EnumerateArray()
            .Select(e => $"{e.GetProperty("topic")} | {e.GetProperty("reason")} | {e.GetProperty("path")} | {e.GetProperty("detail")} | {e.GetProperty("payload")}")
            .Order(StringComparer.Ordinal),
    ];
}
