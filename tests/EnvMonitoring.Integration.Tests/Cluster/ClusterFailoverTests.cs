using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Alerts;
using EnvMonitoring.Integration.Tests.Broker;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Integration.Tests.Ingestion;
using EnvMonitoring.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using MQTTnet;
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
    private const string BatchesAcknowledged = "envmon_gateway_batches_acknowledged_total";
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
        await using var watch = await LiveWatch.StartAsync(survivor);

        await using var stream = await StationStream.StartAsync(broker.Port, Stations, Polluter);
        await AlertOpenSeenOnAsync(survivor, watch, webhook);
        await KillAndTakeUpAsync(owner, survivor, watch);

        var published = await stream.StopAsync();
        foreach (var station in Stations)
        {
            var expected = published[station.Station];
            await StoredOnceAsync(influx, station.Station, expected);
        }

        await AssertOneAlertAsync(survivor, webhook);
        Assert.Empty(survivor.LoggedErrors);
    }

    /// <summary>
    /// The same kill on the field's path, every MQTT hop authenticated and encrypted as shipped: each park's stations hand their samples over
    /// TLS, as a device, to the park's gateway (a real process), which forwards them in numbered batches over MQTTS, as its own broker
    /// identity, to mosquitto (password file and per-gateway ACL, as deployed); the judge stores a batch and acks it back to the gateway.
    /// </summary>
    [Fact]
    public async Task Killing_the_instance_that_judges_a_park_while_its_gateways_stream_over_tls_loses_nothing_doubles_no_alert_and_the_survivor_takes_the_park_up()
    {
        await using var cluster = await TwoInstances.StartAsync(output, [ParkGateway.Identity(ParkA), ParkGateway.Identity(ParkB)]);
        var (influx, broker, webhook, a, b) = (cluster.Influx, cluster.Broker, cluster.Webhook, cluster.A, cluster.B);
        await AssertBrokerTakesOnlyKnownIdentitiesAsync(broker);
        var owners = await OwnersAsync([a, b]);
        var owner = owners[ParkA];
        var survivor = owner == a ? b : a;
        await using var watch = await LiveWatch.StartAsync(survivor);
        await using var gatewayA = await ParkGateway.StartAsync(ParkA, broker, output);
        await using var gatewayB = await ParkGateway.StartAsync(ParkB, broker, output);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await BrokerClient.ConnectAsync(gatewayA.Process.Port, "anonymous-node", identity: null)).Code);

        var started = DateTimeOffset.UtcNow;
        var nodes = new Dictionary<string, MqttPublisher>(StringComparer.Ordinal) { [ParkA] = await gatewayA.ConnectNodeAsync(), [ParkB] = await gatewayB.ConnectNodeAsync() };
        await using var stream = StationStream.Start(nodes, Stations, Polluter);
        await AlertOpenSeenOnAsync(survivor, watch, webhook);
        await KillAndTakeUpAsync(owner, survivor, watch);

        // Park A's gateway streams on, its batches acknowledged by the survivor now: ~5 s more of them (a batch a 200 ms round).
        var acknowledgedAtTakeUp = await gatewayA.MetricAsync(BatchesAcknowledged);
        await Eventually.UntilAsync(async () => await gatewayA.MetricAsync(BatchesAcknowledged) >= acknowledgedAtTakeUp + 25, Patience,
            "the survivor acknowledges park A's gateway's batches");
        var published = await stream.StopAsync();
        output.WriteLine($"streamed {(DateTimeOffset.UtcNow - started).TotalSeconds:F0} s: {string.Join(", ", published.Select(p => $"{p.Key} {p.Value}"))}");

        // Drained: the cloud acknowledged every sample a gateway accepted (each one acknowledged to the node, so counted above).
        foreach (var gateway in new[] { gatewayA, gatewayB })
        {
            await Eventually.UntilAsync(async () => await gateway.MetricAsync("envmon_gateway_backlog_bytes") == 0, Patience,
                $"park {gateway.Park}'s gateway has every batch acknowledged");
            var accepted = await gateway.MetricAsync("envmon_gateway_samples_accepted_total");
            Assert.Equal(Stations.Where(s => s.Park == gateway.Park).Sum(s => published[s.Station]), (long)accepted);
            output.WriteLine($"park {gateway.Park}'s gateway accepted {accepted} samples and forwarded {await gateway.MetricAsync("envmon_gateway_samples_forwarded_total")} (re-sends included)");
        }

        foreach (var station in Stations)
        {
            Assert.True(published[station.Station] > 0, $"{station.Station} published nothing");
            Assert.Equal(published[station.Station], await CountAsync(influx, station.Station));
        }

        await AssertOneAlertAsync(survivor, webhook);
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

    /// <summary>
    /// The polluter's COD alert, judged by park A's owner, is shown by <paramref name="survivor"/>, reaches its hub client through the
    /// backplane and was notified.
    /// </summary>
    private static async Task AlertOpenSeenOnAsync(CloudProcess survivor, LiveWatch watch, WebhookTestReceiver webhook)
    {
        var alert = await Eventually.ValueAsync(async () => (await AlertsAsync(survivor, Polluter.Station)).Select(x => (JsonElement?)x).FirstOrDefault(),
            Patience, "the survivor shows the COD alert that the owner judged");
        Assert.Equal(ParkA, alert.GetProperty("park").GetString());
        await Eventually.UntilAsync(() => watch.Alerts.Any(x => x.GetProperty("station").GetString() == Polluter.Station), Patience,
            "the hub client on the survivor got the alert through the backplane");
        await Eventually.UntilAsync(() => Opened(webhook).Count > 0, TimeSpan.FromSeconds(10), "the owner notified the alert");
    }

    /// <summary>SIGKILLs <paramref name="owner"/>; <paramref name="survivor"/> takes park A up and its hub client gets park A's updates within 15 s.</summary>
    private async Task KillAndTakeUpAsync(CloudProcess owner, CloudProcess survivor, LiveWatch watch)
    {
        await owner.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        await Eventually.UntilAsync(async () => (await ParksOf(survivor)).Contains(ParkA), TimeSpan.FromSeconds(30), "the survivor took park A up");
        await Eventually.UntilAsync(() => watch.Updates.Any(s => s.Station == Polluter.Station && s.MeasuredAt > killedAt), TimeSpan.FromSeconds(15),
            "the hub client on the survivor gets park A's updates within 15 s of the kill");
        output.WriteLine($"park A's first update after the kill reached the survivor's client {DateTimeOffset.UtcNow - killedAt:g} after it");
    }

    /// <summary>mosquitto refuses an anonymous client, and its ACL keeps a gateway from publishing another park's batches.</summary>
    private static async Task AssertBrokerTakesOnlyKnownIdentitiesAsync(MosquittoServer broker)
    {
        Assert.NotEqual(MqttClientConnectResultCode.Success, (await BrokerClient.ConnectAsync(broker.Port, "anonymous-probe", identity: null)).Code);
        using var gatewayB = await BrokerClient.ConnectedAsync(broker.Port, "acl-probe", ParkGateway.Identity(ParkB));
        var forged = await BrokerClient.PublishAsync(gatewayB, Protocol.Topics.Topics.GatewayBatch(ParkA, ParkGateway.Identity(ParkA).Gateway!), "not yours"u8.ToArray());
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged);
    }

    /// <summary>One COD alert of the polluter across the cluster (the survivor holds every alert) and one notification.</summary>
    private static async Task AssertOneAlertAsync(CloudProcess survivor, WebhookTestReceiver webhook)
    {
        Assert.Single(await AlertsAsync(survivor, Polluter.Station, "all"), x => x.GetProperty("parameter").GetString() == "COD");
        Assert.Single(Opened(webhook));
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
        if (broker.Options.Clients is not null)
        {
            // mosquitto takes only the identities it knows: the instances connect as ingestion, as ./envmon run --instances has them.
            extra["Ingestion__Username"] = TestBrokerClient.ForIngestion.Username;
            extra["Ingestion__Password"] = TestBrokerClient.ForIngestion.Password;
        }

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
    /// A park's gateway as a real process, configured as shipped: its node listener is TLS (the test CA's certificate for 127.0.0.1) and
    /// takes one device for the park's stations, no anonymous node; it forwards to mosquitto's MQTTS listener as its own broker identity,
    /// checking the broker against the test CA. Its Prometheus endpoint tells what it accepted and whether its backlog drained.
    /// </summary>
    private sealed class ParkGateway : IAsyncDisposable
    {
        private readonly string _caPath;
        private readonly int _nodeTlsPort;
        private readonly HttpClient _metrics;
        private readonly ITestOutputHelper _output;

        private ParkGateway(string park, GatewayProcess process, string caPath, int nodeTlsPort, int metricsPort, ITestOutputHelper output)
        {
            Park = park;
            Process = process;
            _caPath = caPath;
            _nodeTlsPort = nodeTlsPort;
            _metrics = PrometheusText.Client(metricsPort);
            _output = output;
        }

        public string Park { get; }

        public GatewayProcess Process { get; }

        /// <summary>The gateway's identity on the cloud broker.</summary>
        public static TestBrokerClient Identity(string park) => TestBrokerClient.ForGateway(park, $"{park.ToLowerInvariant()}-gw");

        public static async Task<ParkGateway> StartAsync(string park, MosquittoServer broker, ITestOutputHelper output)
        {
            var (certificates, nodeTlsPort, metricsPort) = (broker.Certificates!, FreePort.Next(), FreePort.Next());
            var device = Device(park);
            var settings = new Dictionary<string, string>
            {
                ["Gateway:Cloud:Tls:CaPath"] = certificates.CaPath,
                ["Gateway:Metrics:Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Gateway:AllowAnonymous"] = "false",
                ["Gateway:Tls:Port"] = nodeTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Gateway:Tls:CertificatePath"] = certificates.ServerCertificatePath,
                ["Gateway:Tls:KeyPath"] = certificates.ServerKeyPath,
                ["Gateway:Devices:0:Username"] = device.Username,
                ["Gateway:Devices:0:PasswordHash"] = device.PasswordHash,
            };
            foreach (var (station, index) in Stations.Where(s => s.Park == park).Select((s, i) => (s, i)))
            {
                settings[$"Gateway:Devices:0:Stations:{index}"] = station.Station;
            }

            var gateway = new ParkGateway(park, await GatewayProcess.StartAsync(park, Identity(park).Gateway!, broker.TlsPort!.Value, settings),
                certificates.CaPath, nodeTlsPort, metricsPort, output);
            try
            {
                await Eventually.UntilAsync(() => FreePort.AcceptsConnectionsAsync(nodeTlsPort, CancellationToken.None), TimeSpan.FromSeconds(30),
                    $"park {park}'s gateway takes TLS connections from nodes");
                return gateway;
            }
            catch
            {
                await gateway.DisposeAsync();
                throw;
            }
        }

        /// <summary>The park's stations' node: over TLS, checking the gateway against the test CA, as its device.</summary>
        public Task<MqttPublisher> ConnectNodeAsync() => MqttPublisher.ConnectAsync(_nodeTlsPort, $"node-{Park}", Device(Park), _caPath);

        /// <summary>The sum of <paramref name="metric"/>'s series at the gateway's Prometheus endpoint.</summary>
        public Task<double> MetricAsync(string metric) => PrometheusText.SumAsync(_metrics, metric);

        public async ValueTask DisposeAsync()
        {
            _output.WriteLine($"gateway of {Park}:\n{Process.OutputTail}");
            await Process.DisposeAsync();
            _metrics.Dispose();
        }

        /// <summary>The node's identity on the gateway (<c>Gateway:Devices</c>): a username, a password and its hash, like a broker identity.</summary>
        private static TestBrokerClient Device(string park) => new($"node-{park.ToLowerInvariant()}");
    }

    /// <summary>A dashboard's hub client on one instance, subscribed to the whole province: the station updates and alerts it received.</summary>
    private sealed class LiveWatch : IAsyncDisposable
    {
        private readonly HubConnection _hub;

        private LiveWatch(HubConnection hub) => _hub = hub;

        public ConcurrentQueue<(string Station, DateTimeOffset? MeasuredAt)> Updates { get; } = new();

        public ConcurrentQueue<JsonElement> Alerts { get; } = new();

        public static async Task<LiveWatch> StartAsync(CloudProcess instance)
        {
            var watch = new LiveWatch(LiveHub(instance));
            try
            {
                watch._hub.On<List<JsonElement>>("stations", views =>
                {
                    foreach (var view in views)
                    {
                        var measuredAt = view.GetProperty("lastMeasuredAt");
                        watch.Updates.Enqueue((view.GetProperty("station").GetString()!, measuredAt.ValueKind == JsonValueKind.Null ? null : measuredAt.GetDateTimeOffset()));
                    }
                });
                watch._hub.On<JsonElement>("alert", watch.Alerts.Enqueue);
                await watch._hub.StartAsync();
                await watch._hub.InvokeAsync<JsonElement>("Subscribe", "province");
                return watch;
            }
            catch
            {
                await watch.DisposeAsync();
                throw;
            }
        }

        public ValueTask DisposeAsync() => _hub.DisposeAsync();
    }

    /// <summary>
    /// InfluxDB, mosquitto (as deployed; the instances on its MQTTS listener), Redis (TLS, password), a webhook receiver and two instances
    /// sharing them and one seal key; disposed in reverse. Given gateways, mosquitto takes only known identities (those gateways', each
    /// with its own ACL, and ingestion's, which the instances use), as <c>./envmon run --instances</c> configures it; else anonymous clients.
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

        public static async Task<TwoInstances> StartAsync(ITestOutputHelper output, IReadOnlyList<TestBrokerClient>? gateways = null)
        {
            var cluster = new TwoInstances();
            try
            {
                cluster.Influx = cluster.Started(await InfluxServer.StartAsync());
                cluster.Broker = cluster.Started(await MosquittoServer.StartAsync(DeployedMosquitto.Options() with
                {
                    Tls = true,
                    Clients = gateways is null ? null : [TestBrokerClient.ForIngestion, .. gateways],
                }));
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
