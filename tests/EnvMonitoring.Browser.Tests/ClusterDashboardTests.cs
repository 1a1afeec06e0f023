using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// Acceptance (issue #20): two cloud instances share the province through mosquitto and Redis; an
/// operator signed in on the instance that judges the park acknowledges an alert in the browser, and
/// a browser signed in on the other instance shows the alert and the acknowledgement (the hub's Redis backplane).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ClusterDashboardTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_acknowledgement_made_on_one_instance_shows_in_a_browser_connected_to_the_other()
    {
        var station = TestStation.Water("ClusterDashPark", "Cluster test WWTP");
        await using var broker = await MosquittoServer.StartAsync(new MosquittoOptions { Tls = true });
        await using var redis = await RedisServer.StartAsync();
        var database = $"browser_cluster_{Guid.NewGuid():N}";
        async Task<DashboardHost> InstanceAsync(string id) => await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log,
            new Dictionary<string, string>
            {
                ["Cluster__Redis"] = redis.ConfigurationString,
                ["Cluster__RedisCaCertificate"] = redis.CaCertificatePath ?? "",
                ["Cluster__InstanceId"] = id,
                // The instances take the messages over mosquitto's MQTTS listener, as shipped; the stations publish on its plain one.
                ["Ingestion__Tls__CaPath"] = broker.Certificates!.CaPath,
            },
            process => process with { Database = database, EmbeddedBroker = false, BrokerPort = broker.TlsPort!.Value, ClientId = "cluster-dashboard" },
            broker.Port);
        await using var a = await InstanceAsync("dash-a");
        await using var b = await InstanceAsync("dash-b");
        var judge = await Eventually.ValueAsync(async () =>
            await JudgesAsync(a, station.Park) ? a : await JudgesAsync(b, station.Park) ? b : null, Patience, "one instance judges the park");
        var other = judge == a ? b : a;

        await using var operatorPage = await chromium.OpenAsync(judge.BaseAddress);
        await using var elsewhere = await chromium.OpenAsync(other.BaseAddress, 1366, 768);
        await operatorPage.SignInAsync(TestUsers.Operator.Name, TestUsers.Operator.Password);
        await elsewhere.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);
        await judge.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 40, ["pH"] = 7 });
        await Expect(elsewhere.TileValue(station.Station, "COD")).ToHaveTextAsync("40", new() { Timeout = 10_000 });

        await judge.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 250, ["pH"] = 7 });
        var alert = operatorPage.Alert(station.Station, "COD");
        var seenElsewhere = elsewhere.Alert(station.Station, "COD");
        await Expect(alert).ToBeVisibleAsync(new() { Timeout = 5000 });
        await Expect(seenElsewhere).ToBeVisibleAsync(new() { Timeout = 5000 });

        await alert.Locator("button.act-acknowledge").ClickAsync();
        await alert.Locator("textarea").FillAsync("Đã gọi nhà máy");
        await alert.Locator("form.alert-form button[type=submit]").ClickAsync();
        await Expect(alert).ToHaveAttributeAsync("data-acknowledged", "true");
        await Expect(seenElsewhere).ToHaveAttributeAsync("data-acknowledged", "true", new() { Timeout = 5000 });
        await Expect(seenElsewhere.Locator(".alert-ack")).ToContainTextAsync(TestUsers.Operator.Name);
        Assert.Empty(a.Process.LoggedErrors);
        Assert.Empty(b.Process.LoggedErrors);
    }

    private static async Task<bool> JudgesAsync(DashboardHost host, string park)
    {
        var health = await host.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/health", UriKind.Relative));
        return health.TryGetProperty("cluster", out var cluster) && cluster.ValueKind == JsonValueKind.Object
            && cluster.GetProperty("parks").EnumerateArray().Any(p => p.GetString() == park);
    }
}
