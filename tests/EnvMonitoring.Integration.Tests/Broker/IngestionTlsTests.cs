using System.Globalization;
using System.Net;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Integration.Tests.Ingestion;
using EnvMonitoring.Testing;
using Microsoft.Extensions.Logging;

namespace EnvMonitoring.Integration.Tests.Broker;

/// <summary>
/// Issue #20, secure by default: the cloud's ingestion client reaches an external broker (mosquitto's
/// MQTTS listener, a certificate from a CA made for the test) over TLS with <c>Ingestion:Tls:CaPath</c>,
/// and refuses a broker whose certificate that CA did not sign.
/// </summary>
public sealed class IngestionTlsTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private const string Park = "IngTlsPark";
    private static readonly string[] Stations = ["IT-WWTP-01"];

    [Fact]
    public async Task Ingestion_trusting_the_brokers_ca_connects_over_tls_and_stores_a_sample()
    {
        await using var broker = await MosquittoServer.StartAsync(new MosquittoOptions { Tls = true });
        await using var cloud = await CloudHost.StartAsync(influx.Server, "ingestion_tls", Settings(broker, broker.Certificates!.CaPath));
        var connected = cloud.Log.Entries.Single(e => e.Is("Connected"));
        Assert.Contains($"127.0.0.1:{broker.TlsPort!.Value.ToString(CultureInfo.InvariantCulture)}", connected.Message, StringComparison.Ordinal);

        // A station on mosquitto's plain listener; the sample reaches the cloud only through its TLS session.
        await using (var station = await MqttPublisher.ConnectAsync(broker.Port, $"station-{Guid.NewGuid():N}"))
        {
            var (topic, payload) = SyntheticTraffic.Telemetry(Park, Stations, 1, SyntheticTraffic.Start(daysAgo: 1)).Single();
            Assert.True((await station.PublishAsync(topic, payload)).IsSuccess, "mosquitto took the sample");
        }

        await Eventually.UntilAsync(async () => await StoredCounts.FieldAsync(influx.Server, cloud.Database, "pH") == 1,
            TimeSpan.FromSeconds(30), "the sample, delivered over TLS, is stored once");
    }

    [Fact]
    public async Task Ingestion_refuses_a_broker_whose_certificate_its_ca_did_not_sign_logs_why_and_stores_nothing()
    {
        await using var broker = await MosquittoServer.StartAsync(new MosquittoOptions { Tls = true });
        await using var cloud = await CloudHost.StartAsync(influx.Server, "ingestion_tls_refused", Settings(broker, broker.Certificates!.OtherCaPath), untilHealthy: false);
        cloud.Log.ExpectEvent("BrokerCertificateRefused", "the test gives ingestion a CA that did not sign mosquitto's certificate");
        cloud.Log.ExpectEvent("ConnectFailed", "each refused handshake fails the connect, retried with backoff");

        var refusal = await cloud.Log.WaitForAsync(e => e.Is("BrokerCertificateRefused"), TimeSpan.FromSeconds(30), "ingestion refuses mosquitto's certificate");
        Assert.Equal(LogLevel.Error, refusal.Level);
        Assert.Contains("Ingestion:Tls:CaPath", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("does not chain to the configured CA", refusal.Message, StringComparison.Ordinal);

        await using (var station = await MqttPublisher.ConnectAsync(broker.Port, $"station-{Guid.NewGuid():N}"))
        {
            var (topic, payload) = SyntheticTraffic.Telemetry(Park, Stations, 1, SyntheticTraffic.Start(daysAgo: 1)).Single();
            Assert.True((await station.PublishAsync(topic, payload)).IsSuccess, "mosquitto took the sample");
        }

        // Another attempt after the sample was published is refused too: ingestion never connected.
        var refusals = Refusals(cloud);
        await Eventually.UntilAsync(() => Task.FromResult(Refusals(cloud) > refusals), TimeSpan.FromSeconds(30), "ingestion tries again and refuses again");
        using var health = await cloud.Http.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("ingestion is not connected to the MQTT broker", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredCounts.FieldAsync(influx.Server, cloud.Database, "pH"));
        Assert.DoesNotContain(cloud.Log.Entries, e => e.Is("Connected"));
    }

    private static int Refusals(CloudHost cloud) => cloud.Log.Entries.Count(e => e.Is("BrokerCertificateRefused"));

    /// <summary>The host on mosquitto's MQTTS listener, trusting <paramref name="caPath"/>, with the test's station registered.</summary>
    private static Dictionary<string, string> Settings(MosquittoServer broker, string caPath) => new(TestStations.Settings(Park, Stations))
    {
        ["Broker:Embedded"] = "false",
        ["Broker:Port"] = broker.TlsPort!.Value.ToString(CultureInfo.InvariantCulture),
        ["Ingestion:Tls:CaPath"] = caPath,
        ["Ingestion:ReconnectDelayMax"] = "00:00:01",
    };
}
