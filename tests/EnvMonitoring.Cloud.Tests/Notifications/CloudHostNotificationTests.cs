using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Cloud.Notifications;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>
/// The whole cloud host: readings published over MQTT, stored, judged, and the alerts sent to a real
/// webhook receiver — signed with the registry's facts, kept in the outbox across a restart while the
/// receiver is down, and told once more when nobody acknowledges them.
/// </summary>
public sealed class CloudHostNotificationTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _data = Directory.CreateTempSubdirectory("envmon-cloud-notify-").FullName;

    [Fact]
    public async Task An_exceeding_reading_published_to_the_host_reaches_the_webhook_signed_with_the_registry_facts()
    {
        await using var receiver = await WebhookTestReceiver.StartAsync();
        var station = $"NH-{Guid.NewGuid():N}"[..12];
        var settings = Station("NotifyHostPark", station, "Nhà máy dệt Yên Bình", receiver.Url, ["Opened"]);
        settings["Notifications:DashboardUrl"] = "https://envmon.example.vn/";
        await using var cloud = await CloudApp.StartAsync(influx.Server, $"notify_{Guid.NewGuid():N}", _data, settings);
        using var client = await cloud.PublisherAsync();
        var now = DateTimeOffset.UtcNow;
        await PublishAsync(client, "NotifyHostPark", station, now.AddSeconds(-10), cod: 40);
        await PublishAsync(client, "NotifyHostPark", station, now.AddSeconds(-5), cod: 250);

        await Eventually.UntilAsync(() => receiver.Accepted.Any(r => r.Json.GetProperty("rule").GetString() == "instantaneous"), Wait, "the host sent the alert to the webhook");
        var json = receiver.Accepted.First(r => r.Json.GetProperty("rule").GetString() == "instantaneous").Json;
        Assert.Equal("opened", json.GetProperty("event").GetString());
        Assert.Equal("NotifyHostPark", json.GetProperty("park").GetString());
        Assert.Equal(station, json.GetProperty("station").GetString());
        Assert.Equal("Nhà máy dệt Yên Bình", json.GetProperty("stationName").GetString());
        Assert.Equal("from2", json.GetProperty("severity").GetString());
        Assert.Equal(250, json.GetProperty("value").GetDouble());
        Assert.Equal("mg/L", json.GetProperty("unit").GetString());
        Assert.StartsWith($"https://envmon.example.vn/#/alerts/{station}%2FCOD%2FInstantaneous%2F", json.GetProperty("link").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_receiver_down_across_a_restart_of_the_host_still_gets_every_notification_afterwards_in_order_per_alert()
    {
        var up = false;
        await using var receiver = await WebhookTestReceiver.StartAsync((_, _) => Task.FromResult(Volatile.Read(ref up) ? 200 : 503));
        var station = $"NR-{Guid.NewGuid():N}"[..12];
        var database = $"notify_restart_{Guid.NewGuid():N}";
        var settings = Station("RestartNotifyPark", station, "Trạm thử khởi động lại", receiver.Url, ["Opened", "Escalated", "Cleared"]);
        // Stopping gives the lanes half a second, in which the receiver still answers 503.
        settings["Notifications:DrainTimeout"] = "00:00:00.500";
        await using (var cloud = await CloudApp.StartAsync(influx.Server, database, _data, settings))
        {
            cloud.Log.ExpectEvent("Retrying", "the receiver answers 503 until the host has restarted")
                .ExpectEvent("KeptForNextStart", "the host stops while the receiver is down");
            using var client = await cloud.PublisherAsync();
            var now = DateTimeOffset.UtcNow;
            // COD opens at 1.5× and escalates to 3.5×; pH opens at 4; pH then COD clear (clear time 10 s).
            await PublishAsync(client, "RestartNotifyPark", station, now.AddSeconds(-60), cod: 150, pH: 4.0);
            await PublishAsync(client, "RestartNotifyPark", station, now.AddSeconds(-55), cod: 350);
            await PublishAsync(client, "RestartNotifyPark", station, now.AddSeconds(-40), cod: 40);
            await PublishAsync(client, "RestartNotifyPark", station, now.AddSeconds(-25), cod: 40);

            // All five wait in the outbox, and the health report says so; the receiver has refused attempts and accepted nothing.
            var notifier = cloud.Services.GetRequiredService<AlertNotifier>();
            await Eventually.UntilAsync(() => notifier.Pending == 5 && receiver.Requests.Count >= 2, Wait, "five notices wait while the receiver refuses them");
            using var anonymous = new HttpClient { BaseAddress = cloud.BaseAddress };
            var health = await anonymous.GetFromJsonAsync<JsonElement>(new Uri("/api/health", UriKind.Relative));
            var outbox = health.GetProperty("notifications").GetProperty("receivers")[0];
            Assert.Equal(("hook", 5, 1000), (outbox.GetProperty("receiver").GetString(), outbox.GetProperty("waiting").GetInt32(), outbox.GetProperty("capacity").GetInt32()));
            Assert.Equal(JsonValueKind.Null, health.GetProperty("notifications").GetProperty("problem").ValueKind);
            Assert.Empty(receiver.Accepted);
        }

        Volatile.Write(ref up, true);
        await using var restarted = await CloudApp.StartAsync(influx.Server, database, _data, settings);
        restarted.Log.ExpectEvent("Retrying", "a delivery may meet the receiver's last 503 (none is expected after the restart, but timing allows it)");
        await Eventually.UntilAsync(() => receiver.Accepted.Count >= 5, Wait, "the receiver accepts the five notices after the restart");
        var notifierAfter = restarted.Services.GetRequiredService<AlertNotifier>();
        await Eventually.UntilAsync(() => notifierAfter.Pending == 0, Wait, "the outbox is empty once all are delivered");

        // Each once (nothing was accepted before the restart), with the delivery ids they were queued with; in order per alert.
        var accepted = receiver.Accepted.Select(r => r.Json).ToList();
        Assert.Equal(5, accepted.Count);
        Assert.Equal(5, receiver.Accepted.Select(r => r.DeliveryId).Distinct().Count());
        var byAlert = accepted.GroupBy(j => j.GetProperty("alertId").GetString()!).ToDictionary(g => g.Key.Split('/')[1], g => g.ToList());
        Assert.Equal(["opened", "escalated", "cleared"], byAlert["COD"].Select(j => j.GetProperty("event").GetString()));
        Assert.Equal(["opened", "cleared"], byAlert["pH"].Select(j => j.GetProperty("event").GetString()));
        Assert.All(byAlert.Values, events => Assert.Equal(events.Select(j => j.GetProperty("sequence").GetInt64()).Order(), events.Select(j => j.GetProperty("sequence").GetInt64())));
        Assert.Equal(["from1point5", "from3", "none"], byAlert["COD"].Select(j => j.GetProperty("severity").GetString()));
    }

    [Fact]
    public async Task An_unacknowledged_alert_is_told_once_more_after_the_configured_time_and_an_acknowledged_one_is_not()
    {
        await using var receiver = await WebhookTestReceiver.StartAsync();
        var station = $"NO-{Guid.NewGuid():N}"[..12];
        // Default kinds (they include overdue); one lane, so the receiver gets the notices in the order they were queued.
        var settings = Station("OverduePark", station, "Trạm thử nhắc lại", receiver.Url, []);
        // Counted from when the engine opened the alert: long enough for the test to acknowledge pH first on a loaded machine.
        settings["Rules:AcknowledgeWithin"] = "00:00:10";
        settings["Notifications:LanesPerReceiver"] = "1";
        await using var cloud = await CloudApp.StartAsync(influx.Server, $"notify_overdue_{Guid.NewGuid():N}", _data, settings);
        using var client = await cloud.PublisherAsync();
        using var operatorClient = cloud.ClientFor(TestUsers.Operator);
        var now = DateTimeOffset.UtcNow;
        await PublishAsync(client, "OverduePark", station, now.AddSeconds(-2), cod: 250, pH: 4.0);

        // pH is acknowledged at once; COD is left alone.
        var pH = await Eventually.ValueAsync(async () => (await operatorClient.GetFromJsonAsync<JsonElement>(new Uri($"/api/alerts?station={station}", UriKind.Relative)))
            .EnumerateArray().Select(a => a.GetProperty("id").GetString()).FirstOrDefault(id => id!.Contains("/pH/", StringComparison.Ordinal)), Wait, "the pH alert opens");
        using (var acknowledged = await operatorClient.PostAsJsonAsync(new Uri($"/api/alerts/{pH}/acknowledge", UriKind.Relative), new { note = "Dosing pump checked" }))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }

        await Eventually.UntilAsync(() => receiver.Accepted.Any(r => r.Event == "overdue"), Wait, "the unacknowledged COD alert is told again");
        // A later notice of the same lane: anything queued before it (a second reminder, one for pH) has arrived by then.
        await PublishAsync(client, "OverduePark", station, now.AddSeconds(-1), cod: 600, pH: 4.0);
        await Eventually.UntilAsync(() => receiver.Accepted.Any(r => r.Event == "escalated"), Wait, "the COD escalation arrives");

        var overdue = Assert.Single(receiver.Accepted, r => r.Event == "overdue").Json;
        Assert.Contains("/COD/", overdue.GetProperty("alertId").GetString(), StringComparison.Ordinal);
        Assert.Equal(("from2", 250.0), (overdue.GetProperty("severity").GetString(), overdue.GetProperty("value").GetDouble()));
        Assert.Equal(JsonValueKind.Null, overdue.GetProperty("user").ValueKind);
        Assert.Equal(["opened", "opened", "overdue", "escalated"], receiver.Accepted.Select(r => r.Event));
        var alerts = (await operatorClient.GetFromJsonAsync<JsonElement>(new Uri($"/api/alerts?station={station}", UriKind.Relative))).EnumerateArray().ToList();
        Assert.NotEqual(JsonValueKind.Null, alerts.Single(a => a.GetProperty("parameter").GetString() == "COD").GetProperty("overdueAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, alerts.Single(a => a.GetProperty("parameter").GetString() == "pH").GetProperty("overdueAt").ValueKind);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    /// <summary>One station with COD ≤ 100 mg/L and pH 6–9, a clear time of 10 s, and one webhook receiver "hook".</summary>
    private static Dictionary<string, string?> Station(string park, string station, string name, Uri receiver, string[] kinds)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Stations:0:Park"] = park,
            ["Stations:0:Station"] = station,
            ["Stations:0:Name"] = name,
            ["Stations:0:Medium"] = "Water",
            ["Stations:0:ExpectedInterval"] = "00:00:05",
            ["Stations:0:Parameters:0"] = "COD",
            ["Stations:0:Parameters:1"] = "pH",
            ["Stations:0:Permit:0:Parameter"] = "COD",
            ["Stations:0:Permit:0:Max"] = "100",
            ["Stations:0:Permit:0:Reference"] = "Test permit",
            ["Stations:0:Permit:1:Parameter"] = "pH",
            ["Stations:0:Permit:1:Min"] = "6",
            ["Stations:0:Permit:1:Max"] = "9",
            ["Stations:0:Permit:1:Reference"] = "Test permit",
            ["Stations:0:Rules:ClearTime"] = "00:00:10",
        };
        foreach (var (key, value) in WebhookSettings.Webhook(0, "hook", receiver, kinds: kinds))
        {
            settings[key] = value;
        }

        return settings;
    }

    private static Task PublishAsync(IMqttClient client, string park, string station, DateTimeOffset at, double cod, double pH = 7.2) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Telemetry(park, station))
            .WithPayload(SampleCodec.EncodeSample(new Sample(station, at, [new Reading(ParameterCatalog.Default["COD"], cod), new Reading(ParameterCatalog.Default["pH"], pH)])))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
}
