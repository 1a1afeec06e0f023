using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Live;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;
using EnvMonitoring.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EnvMonitoring.Integration.Tests.Alerts;

/// <summary>
/// Issue #19's acceptance: the registry replaced while the host runs (<see cref="StationRegistry.Replace"/>)
/// reaches the rules, the live picture and ingestion within 5 s and without a restart; a limit change on one
/// station leaves another's mean and open alert alone; a removed station's open alert is closed with the reason.
/// </summary>
public sealed class HotReloadTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>What the issue promises for a configuration change to take effect.</summary>
    private static readonly TimeSpan TakesEffect = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_limit_change_on_one_station_keeps_the_others_mean_and_alert_and_a_removed_stations_alert_is_closed()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var a = new AlertStation("HotPark", $"HA-{id}");
        var b = new AlertStation("HotPark", $"HB-{id}");
        var gone = new AlertStation("HotPark", $"HR-{id}");
        var added = new AlertStation("HotPark", $"HN-{id}");
        var settings = new Dictionary<string, string>();
        foreach (var (station, index) in new[] { (a, 0), (b, 1), (gone, 2) })
        {
            foreach (var (key, value) in Definition(station, index))
            {
                settings[key] = value;
            }
        }

        await using var cloud = await CloudHost.StartAsync(influx.Server, $"hot_{Guid.NewGuid():N}", settings);
        cloud.Log.Expect(e => e.Is("Rejected") && e.Category.EndsWith(".BatchWriter", StringComparison.Ordinal), "the test publishes a sample of a station not yet registered");
        await using var hub = cloud.LiveHub(TestUsers.Viewer);
        var registryChanges = 0;
        hub.On(LiveBroadcaster.StationsChangedEvent, () => Interlocked.Increment(ref registryChanges));
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("Subscribe", "province");
        await using var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}");

        // Records 5 minutes apart (the stations' interval), judged on time (LateAfter 1 h). Hourly means count from 3 records (25% of 12).
        var now = DateTimeOffset.UtcNow;
        var t0 = now.AddMinutes(-14);
        await publisher.PublishAsync(a.Topic, a.Sample(t0, cod: 70));
        await publisher.PublishAsync(a.Topic, a.Sample(t0.AddMinutes(5), cod: 70));
        await publisher.PublishAsync(b.Topic, b.Sample(t0, cod: 90));
        await publisher.PublishAsync(b.Topic, b.Sample(t0.AddMinutes(5), cod: 120));
        await publisher.PublishAsync(gone.Topic, gone.Sample(t0.AddMinutes(5), cod: 300));
        await publisher.PublishAsync(added.Topic, added.Sample(t0.AddMinutes(5), cod: 40));

        var bAlert = await OpenAlertAsync(cloud, b.Station, "instantaneous");
        var goneAlert = await OpenAlertAsync(cloud, gone.Station, "instantaneous");
        await cloud.WaitForQuarantinedAsync("UnregisteredStation", added.Topic, Wait);
        Assert.Empty(await cloud.OpenRulesAsync(a.Station)); // 70 under 100: nothing yet
        Assert.DoesNotContain("hourlyMean", await cloud.OpenRulesAsync(b.Station)); // two records: no mean yet

        // The new registry: A's COD limit 100 → 50, B as it was, the removed station gone, a new one in.
        var registry = cloud.Services.GetRequiredService<StationRegistry>();
        Assert.True(registry.TryGet(b.Station, out var bRegistered));
        var replacement = Build(cloud, [Definition(a, codMax: 50), Definition(added)]);
        var changes = registry.Replace([replacement[0], bRegistered, replacement[1]]);
        Assert.Equal((added.Station, a.Station, gone.Station),
            (Assert.Single(changes.Added).Station, Assert.Single(changes.Changed).Station, Assert.Single(changes.Removed).Station));

        // Within 5 s: the removed station's alert is closed with the reason, dashboards are told, the station list follows.
        var closed = await Eventually.ValueAsync(async () =>
        {
            var all = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/alerts?station={gone.Station}&state=all", UriKind.Relative));
            return all.EnumerateArray().Where(x => x.GetProperty("id").GetString() == goneAlert && x.GetProperty("resolvedBy").GetString() is not null)
                .Select(x => (JsonElement?)x).FirstOrDefault();
        }, TakesEffect, "the removed station's open alert is closed");
        Assert.Equal((RuleEngine.SystemUser, AlertService.RemovedReason, "resolved"),
            (closed.GetProperty("resolvedBy").GetString(), closed.GetProperty("resolveNote").GetString(), closed.GetProperty("lastEvent").GetString()));
        Assert.Empty(await cloud.OpenRulesAsync(gone.Station));
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref registryChanges) > 0), TakesEffect, "the hub tells dashboards the stations changed");
        var listed = await StationIdsAsync(cloud);
        Assert.Contains(added.Station, listed);
        Assert.DoesNotContain(gone.Station, listed);
        var snapshot = await hub.InvokeAsync<JsonElement>("Subscribe", "province");
        Assert.DoesNotContain(gone.Station, snapshot.GetProperty("stations").EnumerateArray().Select(s => s.GetProperty("station").GetString()));
        Assert.Equal(50, LimitMax(await StationAsync(cloud, a.Station)));

        // The third record of each: A (70) is judged against 50 and its mean kept its two earlier records,
        // (70 + 70 + 70) / 3 = 70; B's alert is the same one and its mean holds all three, (90 + 120 + 150) / 3 = 120 > 100.
        await publisher.PublishAsync(a.Topic, a.Sample(t0.AddMinutes(10), cod: 70));
        await publisher.PublishAsync(b.Topic, b.Sample(t0.AddMinutes(10), cod: 150));
        await publisher.PublishAsync(added.Topic, added.Sample(t0.AddMinutes(10), cod: 300));

        var aMean = await OpenAlertViewAsync(cloud, a.Station, "hourlyMean");
        Assert.Equal((70.0, 50.0), (aMean.GetProperty("value").GetDouble(), aMean.GetProperty("limitMax").GetDouble()));
        var aInstant = await OpenAlertViewAsync(cloud, a.Station, "instantaneous");
        Assert.Equal((70.0, 50.0), (aInstant.GetProperty("value").GetDouble(), aInstant.GetProperty("limitMax").GetDouble()));
        var bMean = await OpenAlertViewAsync(cloud, b.Station, "hourlyMean");
        Assert.Equal((120.0, 100.0), (bMean.GetProperty("value").GetDouble(), bMean.GetProperty("limitMax").GetDouble()));
        Assert.Equal(bAlert, await OpenAlertAsync(cloud, b.Station, "instantaneous"));
        var bEvents = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/alerts/{bAlert}/events", UriKind.Relative));
        Assert.DoesNotContain(bEvents.EnumerateArray().Select(e => e.GetProperty("event").GetString()), kind => kind is "cleared" or "resolved");

        // The added station's samples are taken now: judged (its own alert) and live.
        await OpenAlertAsync(cloud, added.Station, "instantaneous");
        var addedLive = await StationAsync(cloud, added.Station);
        Assert.Equal(300, addedLive.GetProperty("live").GetProperty("values").GetProperty("COD").GetProperty("value").GetDouble());
    }

    /// <summary>The settings of a station (<see cref="AlertStation.Settings"/>) judged on time, hourly means from 3 records, only the rules the test reads.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Definition(AlertStation station, int index) =>
        station.Settings(index).Concat(new Dictionary<string, string>
        {
            [$"Stations:{index}:ExpectedInterval"] = "00:05:00",
            [$"Stations:{index}:Rules:MinimumCompleteness"] = "0.25",
            [$"Stations:{index}:Rules:LateAfter"] = "01:00:00",
            [$"Stations:{index}:Rules:ApproachRatio"] = "0.99",
            [$"Stations:{index}:Rules:Disabled:0"] = nameof(RuleKind.StationOffline),
            [$"Stations:{index}:Rules:Disabled:1"] = nameof(RuleKind.ParameterSilent),
            [$"Stations:{index}:Rules:Disabled:2"] = nameof(RuleKind.FlatLine),
        });

    /// <summary>The same station as <see cref="Definition(AlertStation, int)"/>, as the configuration store would hand it over.</summary>
    private static StationDefinition Definition(AlertStation station, double codMax = 100) => new()
    {
        Park = station.Park,
        Station = station.Station,
        ExpectedInterval = TimeSpan.FromMinutes(5),
        Parameters = ["COD", "pH"],
        Permit =
        [
            new PermitLimitDefinition { Parameter = "COD", Max = codMax, Reference = "Test permit 1/GP" },
            new PermitLimitDefinition { Parameter = "pH", Min = 6, Max = 9, Reference = "Test permit 1/GP" },
        ],
        Rules = new RuleOverrides
        {
            MinimumCompleteness = 0.25,
            LateAfter = TimeSpan.FromHours(1),
            ApproachRatio = 0.99,
            Disabled = [RuleKind.StationOffline, RuleKind.ParameterSilent, RuleKind.FlatLine],
        },
    };

    private static IReadOnlyList<RegisteredStation> Build(CloudHost cloud, IEnumerable<StationDefinition> definitions) =>
        StationRegistry.Build(definitions, cloud.Services.GetRequiredService<RegulationLibrary>(), cloud.Services.GetRequiredService<SampleCodec>().Catalog, RuleSettings.Default).All;

    private static async Task<string> OpenAlertAsync(CloudHost cloud, string station, string rule) =>
        (await OpenAlertViewAsync(cloud, station, rule)).GetProperty("id").GetString()!;

    private static async Task<JsonElement> OpenAlertViewAsync(CloudHost cloud, string station, string rule) =>
        await Eventually.ValueAsync(async () =>
        {
            var open = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/alerts?station={station}", UriKind.Relative));
            return open.EnumerateArray().Where(x => x.GetProperty("rule").GetString() == rule).Select(x => (JsonElement?)x).FirstOrDefault();
        }, Wait, $"{station} has an open {rule} alert");

    private static async Task<List<string>> StationIdsAsync(CloudHost cloud) =>
        [.. (await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stations", UriKind.Relative))).EnumerateArray().Select(s => s.GetProperty("station").GetString()!)];

    private static async Task<JsonElement> StationAsync(CloudHost cloud, string station) =>
        await Eventually.ValueAsync(async () =>
        {
            var all = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stations", UriKind.Relative));
            return all.EnumerateArray().Where(s => s.GetProperty("station").GetString() == station && s.GetProperty("live").ValueKind == JsonValueKind.Object)
                .Select(s => (JsonElement?)s).FirstOrDefault();
        }, Wait, $"{station} is listed with its live state");

    private static double LimitMax(JsonElement station) =>
        station.GetProperty("limits").EnumerateArray().Single(l => l.GetProperty("parameter").GetString() == "COD").GetProperty("max").GetDouble();
}
