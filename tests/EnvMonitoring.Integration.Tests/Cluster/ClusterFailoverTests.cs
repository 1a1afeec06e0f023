using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Alerts;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Integration.Tests.Ingestion;
using EnvMonitoring.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Cluster;

/// <summary>
/// Acceptance (issue #20): two cloud instances share two parks through mosquitto (persistent
/// sessions, one per park), Redis (leases, the hub backplane, the cluster channel) and InfluxDB. A
/// station of park A exceeds its COD limit the whole time while every station streams.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private const string ParkA = "ClusterParkA";
    private const string ParkB = "ClusterParkB";
    private const string Database = "cluster";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly AlertStation Polluter = new(ParkA, "CLA-01");
    private static readonly AlertStation[] Stations = [Polluter, new(ParkA, "CLA-02"), new(ParkB, "CLB-01"), new(ParkB, "CLB-02")];

    [Fact]
    public async Task Killing_the_instance_that_judges_a_park_loses_nothing_doubles_no_alert_and_the_survivor_takes_the_park_up()
    {
        await using var cluster = await TwoInstances.StartAsync(output);
        var (influx, broker, webhook, a, b) = (cluster.Influx, cluster.Broker, cluster.Webhook, cluster.A, cluster.B);
        var owners = await OwnersAsync([a, b]);
        var owner = owners[ParkA];
        var survivor = owner == a ? b : a;
        output.WriteLine($"park A is judged by {owner.BaseAddress}, park B by {owners[ParkB].BaseAddress}");

        // A dashboard connected to the instance that will survive.
        var seen = new ConcurrentQueue<(string Station, DateTimeOffset? MeasuredAt)>();
        var alertsSeen = new ConcurrentQueue<JsonElement>();
        await using var hub = LiveHub(survivor);
        hub.On<List<JsonElement>>("stations", views =>
        {
            foreach (var view in views)
            {
                seen.Enqueue((view.GetProperty("station").GetString()!, view.GetProperty("lastMeasuredAt").ValueKind == JsonValueKind.Null ? null : view.GetProperty("lastMeasuredAt").GetDateTimeOffset()));
            }
        });
        hub.On<JsonElement>("alert", alertsSeen.Enqueue);
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("Subscribe", "province");

        await using var stream = await StationStream.StartAsync(broker.Port, Stations, Polluter);
        var alert = await Eventually.ValueAsync(async () => (await AlertsAsync(survivor, Polluter.Station)).Select(x => (JsonElement?)x).FirstOrDefault(),
            Patience, "the survivor shows the COD alert that the owner judged");
        Assert.Equal(ParkA, alert.GetProperty("park").GetString());
        await Eventually.UntilAsync(() => alertsSeen.Any(x => x.GetProperty("station").GetString() == Polluter.Station), Patience,
            "the hub client on the survivor got the alert through the backplane");

        await Eventually.UntilAsync(() => Opened(webhook).Count > 0, TimeSpan.FromSeconds(10), "the owner notified the alert");
        await owner.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        await Eventually.UntilAsync(async () => (await ParksOf(survivor)).Contains(ParkA), TimeSpan.FromSeconds(30), "the survivor took park A up");
        await Eventually.UntilAsync(() => seen.Any(s => s.Station == Polluter.Station && s.MeasuredAt > killedAt), TimeSpan.FromSeconds(15),
            "the hub client on the survivor gets park A's updates within 15 s of the kill");
        output.WriteLine($"park A's first update after the kill reached the survivor's client {DateTimeOffset.UtcNow - killedAt:g} after it");

        var published = await stream.StopAsync();
        foreach (var station in Stations)
        {
            var expected = published[station.Station];
            await StoredOnceAsync(influx, station.Station, expected);
        }

        var alerts = await AlertsAsync(survivor, Polluter.Station, "all");
        Assert.Single(alerts, x => x.GetProperty("parameter").GetString() == "COD");
        Assert.Single(Opened(webhook));
        Assert.Empty(survivor.LoggedErrors);
    }

    [Fact]
    public async Task A_rolling_restart_of_every_instance_under_load_loses_nothing_and_doubles_nothing()
    {
        await using var cluster = await TwoInstances.StartAsync(output);
        var (influx, broker, webhook, a, b) = (cluster.Influx, cluster.Broker, cluster.Webhook, cluster.A, cluster.B);
        await OwnersAsync([a, b]);
        await using var stream = await StationStream.StartAsync(broker.Port, Stations, Polluter);
        await Eventually.ValueAsync(async () => (await AlertsAsync(a, Polluter.Station)).Select(x => (JsonElement?)x).FirstOrDefault(), Patience, "the COD alert is open");

        // One after the other, as a deployment does it: the stopping instance hands its parks over, the other takes them up.
        foreach (var instance in new[] { a, b })
        {
            await instance.StopAsync();
            var other = instance == a ? b : a;
            await Eventually.UntilAsync(async () => (await ParksOf(other)).Count == 2, Patience, "the other instance judges both parks while one restarts");
            await instance.StartAgainAsync();
            await OwnersAsync([a, b]);
        }

        var published = await stream.StopAsync();
        foreach (var station in Stations)
        {
            var expected = published[station.Station];
            await StoredOnceAsync(influx, station.Station, expected);
        }

        foreach (var instance in new[] { a, b })
        {
            Assert.Single(await AlertsAsync(instance, Polluter.Station, "all"), x => x.GetProperty("parameter").GetString() == "COD");
        }

        Assert.Single(Opened(webhook));

        // The seal chains went on across every hand-over: each station's day verifies on either instance.
        foreach (var station in Stations)
        {
            await Eventually.UntilAsync(async () => await TodayIntactAsync(a, station.Station) && await TodayIntactAsync(b, station.Station), Patience,
                $"{station.Station}'s day is sealed and intact, verified on both instances");
        }

        Assert.Empty(a.LoggedErrors);
        Assert.Empty(b.LoggedErrors);
    }

    [Fact]
    public async Task A_rewrite_sent_after_its_park_changed_hands_is_refused_by_the_new_judge()
    {
        await using var cluster = await TwoInstances.StartAsync(output);
        var (influx, broker, a, b) = (cluster.Influx, cluster.Broker, cluster.A, cluster.B);
        var owner = (await OwnersAsync([a, b]))[ParkB];
        var next = owner == a ? b : a;
        var station = Stations.Single(s => s.Station == "CLB-02");
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds());
        await using var publisher = await MqttPublisher.ConnectAsync(broker.Port, $"rewriter-{Guid.NewGuid():N}");

        await publisher.PublishAsync(station.Topic, AppendOnlyTests.Encode(station, at, 37.2, Protocol.Samples.DeviceStatus.Measuring, seq: 1));
        await Eventually.UntilAsync(async () => await StoredCodAsync(influx, station, at) == 37.2, Patience, "the original reading is stored by park B's judge");

        // The next judge never saw this station's samples: it must learn what was stored before taking the park's messages.
        await owner.StopAsync();
        await Eventually.UntilAsync(async () => (await ParksOf(next)).Contains(ParkB), Patience, "the other instance took park B up");
        await publisher.PublishAsync(station.Topic, AppendOnlyTests.Encode(station, at, 5.0, Protocol.Samples.DeviceStatus.Calibrating, seq: 1));

        await Eventually.UntilAsync(async () => (await AlertsAsync(next, station.Station)).Any(x => x.GetProperty("rule").GetString() == "dataConflict"), Patience,
            "the new judge refused the rewrite and opened a data-conflict alert");
        Assert.Equal(37.2, await StoredCodAsync(influx, station, at));
    }

    private static async Task<double?> StoredCodAsync(InfluxServer influx, AlertStation station, DateTimeOffset at)
    {
        using var result = await influx.QueryAsync(Database,
            $"SELECT \"COD\" FROM \"sample\" WHERE \"station\" = '{station.Station}' AND time = '{at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}'");
        var first = result.RootElement.GetProperty("results")[0];
        return first.TryGetProperty("series", out var series) && series[0].GetProperty("values")[0][1] is { ValueKind: JsonValueKind.Number } value
            ? value.GetDouble()
            : null;
    }

    /// <summary>Today (province time) of the station verifies intact with nothing waiting for a seal; every day asked for is untampered.</summary>
    private static async Task<bool> TodayIntactAsync(CloudProcess instance, string station)
    {
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var answer = await instance.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/integrity?station={station}&from={today}&to={today}", UriKind.Relative));
        var day = answer.GetProperty("days").EnumerateArray().Single();
        Assert.True(day.GetProperty("verdict").GetString() != "tampered", $"{station} on {instance.BaseAddress}: {day}");
        return day.GetProperty("verdict").GetString() == "intact" && day.GetProperty("awaitingSeal").GetInt32() == 0;
    }

    [Fact]
    public async Task An_acknowledgement_on_the_instance_that_does_not_judge_the_park_is_taken_by_the_one_that_does_and_shown_on_both()
    {
        await using var cluster = await TwoInstances.StartAsync(output);
        var (broker, webhook, a, b) = (cluster.Broker, cluster.Webhook, cluster.A, cluster.B);
        var owners = await OwnersAsync([a, b]);
        var owner = owners[ParkA];
        var other = owner == a ? b : a;
        var acknowledged = new ConcurrentQueue<JsonElement>();
        await using var hub = LiveHub(owner);
        hub.On<JsonElement>("alert", x =>
        {
            if (x.GetProperty("acknowledgedBy").ValueKind == JsonValueKind.String)
            {
                acknowledged.Enqueue(x);
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("Subscribe", "province");

        await using var stream = await StationStream.StartAsync(broker.Port, Stations, Polluter);
        var alert = await Eventually.ValueAsync(async () => (await AlertsAsync(other, Polluter.Station)).Select(x => (JsonElement?)x).FirstOrDefault(),
            Patience, "the other instance shows the alert");
        var id = alert.GetProperty("id").GetString()!;
        using var response = await other.Http.PostAsJsonAsync(new Uri($"/api/alerts/{id}/acknowledge", UriKind.Relative), new { note = "on our way" });
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var answered = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(TestUsers.Admin.Name, answered.GetProperty("acknowledgedBy").GetString());

        await Eventually.UntilAsync(async () => (await AlertsAsync(owner, Polluter.Station)).Any(x => x.GetProperty("acknowledgedBy").GetString() == TestUsers.Admin.Name),
            TimeSpan.FromSeconds(10), "the judging instance shows the acknowledgement");
        await Eventually.UntilAsync(() => !acknowledged.IsEmpty, TimeSpan.FromSeconds(10), "a hub client of the judging instance is told");
        await stream.StopAsync();
        Assert.Single(await AlertsAsync(owner, Polluter.Station, "all"));
        await Eventually.UntilAsync(() => Opened(webhook).Count > 0, TimeSpan.FromSeconds(10), "the alert was notified");
        Assert.Single(Opened(webhook));
        Assert.Empty(owner.LoggedErrors);
        Assert.Empty(other.LoggedErrors);
    }

    private static CloudProcessSettings Instance(InfluxServer influx, MosquittoServer broker, RedisServer redis, string instance, WebhookTestReceiver webhook, string sealKeys)
    {
        var extra = new Dictionary<string, string>
        {
            // Every instance seals with the centre's one key (docs/scale.md), every 2 s here.
            ["Seals__KeyDirectory"] = sealKeys,
            ["Seals__Interval"] = "00:00:02",
            ["Notifications__Webhooks__0__Name"] = "ops",
            ["Notifications__Webhooks__0__Url"] = webhook.Url.AbsoluteUri,
            ["Notifications__Webhooks__0__Secret"] = "cluster-secret-0123456789abcdef",
            ["Notifications__Webhooks__0__Kinds__0"] = "Opened",
            ["Cluster__Redis"] = redis.ConfigurationString,
            ["Cluster__RedisCaCertificate"] = redis.CaCertificatePath ?? "",
            ["Cluster__InstanceId"] = instance,
            ["Cluster__LeaseTime"] = "00:00:03",
            ["Cluster__RenewInterval"] = "00:00:00.500",
            // The instances reach mosquitto over TLS, as ./envmon run --instances connects them (the stations here publish on its plain listener).
            ["Ingestion__Tls__CaPath"] = broker.Certificates!.CaPath,
        };
        foreach (var (station, index) in Stations.Select((s, i) => (s, i)))
        {
            foreach (var (key, value) in station.Settings(index))
            {
                extra[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        return new CloudProcessSettings
        {
            Influx = influx,
            Database = Database,
            EmbeddedBroker = false,
            BrokerPort = broker.TlsPort!.Value,
            ClientId = "cluster-ingestion",
            Extra = extra,
        };
    }

    /// <summary>Waits until each park is judged by exactly one of <paramref name="instances"/>; which one.</summary>
    private static async Task<Dictionary<string, CloudProcess>> OwnersAsync(IReadOnlyList<CloudProcess> instances) =>
        await Eventually.ValueAsync(async () =>
        {
            var owners = new Dictionary<string, CloudProcess>(StringComparer.Ordinal);
            foreach (var instance in instances)
            {
                foreach (var park in await ParksOf(instance))
                {
                    if (!owners.TryAdd(park, instance))
                    {
                        return null;
                    }
                }
            }

            return owners.ContainsKey(ParkA) && owners.ContainsKey(ParkB) ? owners : null;
        }, Patience, "every park is judged by exactly one instance");

    /// <summary>The "opened" notifications the webhook accepted for the polluter's COD.</summary>
    private static List<ReceivedRequest> Opened(WebhookTestReceiver webhook) =>
        [.. webhook.Accepted.Where(r => r.Event == "opened" && r.Json.GetProperty("station").GetString() == Polluter.Station && r.Json.GetProperty("parameter").GetString() == "COD")];

    private static async Task<List<string>> ParksOf(CloudProcess instance)
    {
        using var response = await instance.Http.GetAsync(new Uri("/api/health", UriKind.Relative));
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        return health.TryGetProperty("cluster", out var cluster) && cluster.ValueKind == JsonValueKind.Object
            ? [.. cluster.GetProperty("parks").EnumerateArray().Select(p => p.GetString()!)]
            : [];
    }

    private static async Task<List<JsonElement>> AlertsAsync(CloudProcess instance, string station, string state = "open")
    {
        var alerts = await instance.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/alerts?station={station}&state={state}", UriKind.Relative));
        return [.. alerts.EnumerateArray()];
    }

    /// <summary>Waits until exactly <paramref name="expected"/> samples of the station are stored; a failure says how many are.</summary>
    private static async Task StoredOnceAsync(InfluxServer influx, string station, long expected)
    {
        try
        {
            await Eventually.UntilAsync(async () => await CountAsync(influx, station) == expected, Patience, $"all {expected} samples of {station} are stored once");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} ({await CountAsync(influx, station)} stored: fewer is loss, more a sample the broker took without telling the publisher)", e);
        }
    }

    private static Task<long> CountAsync(InfluxServer influx, string station) =>
        influx.CountAsync(Database, $"SELECT COUNT(\"COD\") FROM \"sample\" WHERE \"station\" = '{station}'");

    private static HubConnection LiveHub(CloudProcess instance) => new HubConnectionBuilder()
        .WithUrl(new Uri(instance.BaseAddress, "hubs/live"), options => options.Headers["Authorization"] = TestUsers.Admin.BasicHeader.ToString())
        .Build();

    /// <summary>
    /// InfluxDB, mosquitto (as deployed; the instances on its MQTTS listener), Redis (TLS, password), a webhook receiver and two instances
    /// sharing them and one seal key; disposed in reverse.
    /// </summary>
    private sealed class TwoInstances : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _started = [];

        public InfluxServer Influx { get; private set; } = null!;

        public MosquittoServer Broker { get; private set; } = null!;

        public WebhookTestReceiver Webhook { get; private set; } = null!;

        public CloudProcess A { get; private set; } = null!;

        public CloudProcess B { get; private set; } = null!;

        private string SealKeys { get; } = Directory.CreateTempSubdirectory("envmon-cluster-keys-").FullName;

        public static async Task<TwoInstances> StartAsync(ITestOutputHelper output)
        {
            var cluster = new TwoInstances();
            try
            {
                cluster.Influx = cluster.Started(await InfluxServer.StartAsync());
                cluster.Broker = cluster.Started(await MosquittoServer.StartAsync(DeployedMosquitto.Options() with { Tls = true }));
                var redis = cluster.Started(await RedisServer.StartAsync());
                cluster.Webhook = cluster.Started(await WebhookTestReceiver.StartAsync());
                cluster.A = cluster.Started(await CloudProcess.StartAsync(Instance(cluster.Influx, cluster.Broker, redis, "inst-a", cluster.Webhook, cluster.SealKeys), output));
                cluster.B = cluster.Started(await CloudProcess.StartAsync(Instance(cluster.Influx, cluster.Broker, redis, "inst-b", cluster.Webhook, cluster.SealKeys), output));
                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            for (var i = _started.Count - 1; i >= 0; i--)
            {
                await _started[i].DisposeAsync();
            }

            Directory.Delete(SealKeys, recursive: true);
        }

        private T Started<T>(T server)
            where T : IAsyncDisposable
        {
            _started.Add(server);
            return server;
        }
    }
}
