using System.Globalization;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using EnvMonitoring.Testing.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>The whole cloud host: a reading published over MQTT, stored, judged, and the alert sent to a webhook.</summary>
public sealed class CloudHostNotificationTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_exceeding_reading_published_to_the_host_reaches_the_webhook_signed_with_the_registry_facts()
    {
        await using var receiver = await WebhookTestReceiver.StartAsync();
        var station = $"NH-{Guid.NewGuid():N}"[..12];
        var mqttPort = FreePort.Next();
        var quarantine = Directory.CreateTempSubdirectory("envmon-quarantine-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Test" });
        // Declared before the app, so it is checked after the app stopped: shutdown logs count too.
        using var log = new TestLog();
        builder.Logging.ClearProviders().AddProvider(log.Provider);
        // The cookie keys are kept unencrypted in Security:KeysDirectory (0700, docs/security.md); ASP.NET
        // warns whenever it makes a new key, which this host does in its own folder.
        log.ExpectEvent("NoXMLEncryptorConfiguredKeyMayBePersistedToStorageInUnencryptedForm", "the cloud does not configure where its data-protection keys live");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Broker:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            // Test-only: the test publishes as its station without an identity (docs/security.md).
            ["Broker:AllowAnonymous"] = "true",
            ["Ingestion:ClientId"] = $"ingestion-{Guid.NewGuid():N}",
            ["Ingestion:FlushInterval"] = "00:00:00.050",
            ["Quarantine:Directory"] = quarantine,
            ["Security:KeysDirectory"] = Path.Combine(quarantine, "keys"),
            ["Rules:TickInterval"] = "00:00:00.200",
            ["Stations:0:Park"] = "NotifyHostPark",
            ["Stations:0:Station"] = station,
            ["Stations:0:Name"] = "Nhà máy dệt Yên Bình",
            ["Stations:0:Medium"] = "Water",
            ["Stations:0:ExpectedInterval"] = "00:00:05",
            ["Stations:0:Parameters:0"] = "COD",
            ["Stations:0:Permit:0:Parameter"] = "COD",
            ["Stations:0:Permit:0:Max"] = "100",
            ["Stations:0:Permit:0:Reference"] = "Test permit",
            ["Notifications:DashboardUrl"] = "https://envmon.example.vn/",
            ["Notifications:Webhooks:0:Name"] = "ops",
            ["Notifications:Webhooks:0:Url"] = receiver.Url.AbsoluteUri,
            ["Notifications:Webhooks:0:Secret"] = WebhookSettings.Secret,
            ["Notifications:Webhooks:0:Kinds:0"] = "Opened",
        });
        builder.Configuration.AddInMemoryCollection(influx.Server.CloudSettings($"notify_{Guid.NewGuid():N}").Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Configuration.AddInMemoryCollection(TestUsers.Settings().Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddCloudServices();
        await using var app = builder.Build();
        app.MapCloudApi();
        await app.StartAsync();
        try
        {
            using var client = await ConnectAsync(mqttPort);
            var cod = ParameterCatalog.Default["COD"];
            var now = DateTimeOffset.UtcNow;
            foreach (var (at, value) in new[] { (now.AddSeconds(-10), 40.0), (now.AddSeconds(-5), 250.0) })
            {
                await client.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(Topics.Telemetry("NotifyHostPark", station))
                    .WithPayload(SampleCodec.EncodeSample(new Sample(station, at, [new Reading(cod, value)])))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build());
            }

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
        finally
        {
            await app.StopAsync();
            Directory.Delete(quarantine, recursive: true);
        }
    }

    private static async Task<IMqttClient> ConnectAsync(int port)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        // The host's broker turns clients away until ingestion has subscribed.
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                var result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"pub-{Guid.NewGuid():N}")
                    .WithProtocolVersion(MqttProtocolVersion.V500).Build(), timeout.Token);
                // MQTTnet 5 reports a refusal in the result (or throws, depending on the reason): only a real session counts.
                return result.ResultCode == MqttClientConnectResultCode.Success && client.IsConnected;
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                // Refused (not ready yet) or not listening yet: try again.
                return false;
            }
        }, Wait, "the host's broker accepts a publisher");
        return client;
    }
}
