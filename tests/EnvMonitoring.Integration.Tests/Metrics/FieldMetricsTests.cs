using System.Globalization;
using System.Text;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Metrics;

/// <summary>
/// The gateway's and the node's own <c>/metrics</c> (docs/metrics.md): each metric moves when the
/// thing it counts happens, read from the real endpoint's text.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class FieldMetricsTests(InfluxServerFixture influx, ITestOutputHelper output) : IClassFixture<InfluxServerFixture>
{
    private const string Park = "YenBinh";
    private const string Station = "YB-WWTP-01";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Gateway_shows_its_backlog_refusals_by_reason_and_tls_handshakes_while_the_wan_is_down()
    {
        using var certificates = TestCertificates.Create();
        var metricsPort = FreePort.Next();
        var tlsPort = FreePort.Next();
        // Nothing listens at the cloud's port: the WAN is down for the whole test.
        await using var gateway = await GatewayHost.StartAsync(Park, "yb-gw-01", cloudMqttPort: FreePort.Next(), new Dictionary<string, string?>
        {
            ["Gateway:Metrics:Port"] = metricsPort.ToString(CultureInfo.InvariantCulture),
            ["Gateway:Tls:Port"] = tlsPort.ToString(CultureInfo.InvariantCulture),
            ["Gateway:Tls:CertificatePath"] = certificates.ServerCertificatePath,
            ["Gateway:Tls:KeyPath"] = certificates.ServerKeyPath,
        });
        gateway.Log.ExpectEvent("ForwardingInterrupted", "no cloud broker listens: the WAN is down");
        gateway.Log.ExpectEvent("Refused", "the test publishes for another park and a payload that is not a sample");
        using var http = PrometheusText.Client(metricsPort);
        Assert.Equal(0, await PrometheusText.SumAsync(http, "envmon_gateway_backlog_bytes"));
        Assert.Equal(0, await PrometheusText.SumAsync(http, "envmon_gateway_backlog_oldest_age_seconds"));
        Assert.True(await PrometheusText.SumAsync(http, "envmon_gateway_log_limit_bytes") > 0, "the log's cap is exported");

        // An hour's samples, the oldest measured an hour ago, accepted while the cloud is away.
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        await using (var node = await MqttPublisher.ConnectAsync(gateway.Port, "metrics-node"))
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.True((await node.PublishAsync(Topics.Telemetry(Park, Station), Sample(Station, start.AddMinutes(i)))).IsSuccess);
            }

            Assert.False((await node.PublishAsync(Topics.Telemetry("SongCong2", Station), Sample(Station, start))).IsSuccess);
            Assert.False((await node.PublishAsync(Topics.Telemetry(Park, Station), Encoding.UTF8.GetBytes("{\"not\":\"a sample\"}"))).IsSuccess);
        }

        // The exporter answers a scrape from its last one for 300 ms: wait for a fresh one.
        await Eventually.UntilAsync(async () => await PrometheusText.SumAsync(http, "envmon_gateway_samples_accepted_total") == 20, Wait,
            "the 20 samples the node published are counted");
        Assert.True(await PrometheusText.SumAsync(http, "envmon_gateway_backlog_bytes") > 0, "the unsent samples are the backlog");
        Assert.True(await PrometheusText.SumAsync(http, "envmon_gateway_backlog_oldest_age_seconds") >= 3600, "the oldest unsent sample is an hour old");
        Assert.True(await PrometheusText.SumAsync(http, "envmon_gateway_log_size_bytes") > 0, "the log has files on disk");
        Assert.Equal(0, await PrometheusText.SumAsync(http, "envmon_gateway_samples_forwarded_total"));
        Assert.Equal(1, await PrometheusText.SumAsync(http, "envmon_gateway_refusals_total", "reason=\"park\""));
        Assert.Equal(1, await PrometheusText.SumAsync(http, "envmon_gateway_refusals_total", "reason=\"payload\""));
        Assert.Equal(0, await PrometheusText.SumAsync(http, "envmon_gateway_refusals_total", "reason=\"logFull\""));

        // A node over TLS completes its handshake; a plain client on the TLS port starts one and fails.
        using (var tlsNode = new MqttClientFactory().CreateMqttClient())
        {
            await tlsNode.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", tlsPort).WithClientId("metrics-tls-node")
                .WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(5))
                .WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(_ => true)).Build());
        }

        using (var plain = new MqttClientFactory().CreateMqttClient())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => plain.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", tlsPort)
                .WithClientId("metrics-plain").WithTimeout(TimeSpan.FromSeconds(3)).Build()));
        }

        await Eventually.UntilAsync(async () => await PrometheusText.SumAsync(http, "envmon_gateway_tls_handshakes_total", "stage=\"started\"") == 2, Wait,
            "both connects to the TLS listener started a handshake");
        Assert.Equal(1, await PrometheusText.SumAsync(http, "envmon_gateway_tls_handshakes_total", "stage=\"completed\""));
    }

    [Fact]
    public async Task Gateway_counts_the_samples_it_forwards_and_its_backlog_drains_once_the_cloud_acknowledges()
    {
        await using var cloud = await CloudHost.StartAsync(influx.Server, $"fwd_{Guid.NewGuid():N}", TestStations.Settings(Park, [Station]), [TestBrokerClient.ForGateway(Park, "yb-gw-01")]);
        var metricsPort = FreePort.Next();
        await using var gateway = await GatewayHost.StartAsync(Park, "yb-gw-01", cloud.MqttPort, new Dictionary<string, string?> { ["Gateway:Metrics:Port"] = metricsPort.ToString(CultureInfo.InvariantCulture) });
        using var http = PrometheusText.Client(metricsPort);

        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        await using (var node = await MqttPublisher.ConnectAsync(gateway.Port, "metrics-node"))
        {
            for (var i = 0; i < 30; i++)
            {
                Assert.True((await node.PublishAsync(Topics.Telemetry(Park, Station), Sample(Station, start.AddMinutes(i)))).IsSuccess);
            }
        }

        await Eventually.UntilAsync(async () => await PrometheusText.SumAsync(http, "envmon_gateway_samples_forwarded_total") >= 30, Wait, "the gateway forwarded the 30 samples");
        await Eventually.UntilAsync(async () => await PrometheusText.SumAsync(http, "envmon_gateway_backlog_bytes") == 0, Wait, "the cloud acknowledged them and the backlog drained");
        Assert.True(await PrometheusText.SumAsync(http, "envmon_gateway_batches_acknowledged_total") >= 1);
        Assert.Equal(0, await PrometheusText.SumAsync(http, "envmon_gateway_backlog_oldest_age_seconds"));
        output.WriteLine(await PrometheusText.ScrapeAsync(http));
    }

    [Fact]
    public async Task Node_shows_its_outbox_growing_while_the_gateway_is_away_and_its_probe_faults()
    {
        var metricsPort = FreePort.Next();
        var scenario = Path.Combine(Path.GetTempPath(), $"envmon-fault-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(scenario, $$"""
            { "incidents": [ { "kind": "ProbeDies", "station": "{{Station}}", "parameter": "NH4", "start": "00:00:00", "duration": "01:00:00", "failure": "Fault" } ] }
            """);
        try
        {
            // Nothing listens at the gateway's port.
            await using var node = await NodeHost.StartAsync(Park, FreePort.Next(), TimeSpan.FromSeconds(1), new Dictionary<string, string?>
            {
                ["Node:Metrics:Port"] = metricsPort.ToString(CultureInfo.InvariantCulture),
                ["Node:SampleInterval"] = "00:00:00.250",
                ["Node:Simulator:Scenario"] = scenario,
            }, (Station, "Water"));
            node.Log.ExpectEvent("GatewayUnreachable", "no gateway listens: the node keeps its samples");
            using var http = PrometheusText.Client(metricsPort);

            await Eventually.UntilAsync(async () => await PrometheusText.SumAsync(http, "envmon_node_outbox_depth", $"station=\"{Station}\"") >= 3, Wait,
                "the outbox holds the samples the gateway could not take");
            await Eventually.UntilAsync(async () => await PrometheusText.SumAsync(http, "envmon_node_probe_faults_total", "parameter=\"NH4\"") >= 2, Wait,
                "each report counts the dead NH4 probe's fault");
            Assert.Equal(0, await PrometheusText.SumAsync(http, "envmon_node_probe_faults_total", "parameter=\"COD\""));
            Assert.Equal(0, await PrometheusText.SumAsync(http, "envmon_node_publish_duration_seconds_count"));
        }
        finally
        {
            File.Delete(scenario);
        }
    }

    [Fact]
    public async Task Node_times_each_publish_to_the_gateways_acknowledgement()
    {
        await using var gateway = await GatewayHost.StartAsync(Park, "yb-gw-01", cloudMqttPort: FreePort.Next());
        gateway.Log.ExpectEvent("ForwardingInterrupted", "no cloud broker listens: only the node side is under test");
        var metricsPort = FreePort.Next();
        await using var node = await NodeHost.StartAsync(Park, gateway.Port, TimeSpan.FromSeconds(1),
            new Dictionary<string, string?> { ["Node:Metrics:Port"] = metricsPort.ToString(CultureInfo.InvariantCulture), ["Node:SampleInterval"] = "00:00:00.250" },
            (Station, "Water"));
        using var http = PrometheusText.Client(metricsPort);

        await Eventually.UntilAsync(async () => await PrometheusText.SumAsync(http, "envmon_node_publish_duration_seconds_count", $"station=\"{Station}\"") >= 3, Wait,
            "every acknowledged publish is timed");
        Assert.True(await PrometheusText.SumAsync(http, "envmon_node_publish_duration_seconds_sum") > 0);
        Assert.Equal(0, await PrometheusText.SumAsync(http, "envmon_node_probe_faults_total"));
        output.WriteLine(await PrometheusText.ScrapeAsync(http));
    }

    private static byte[] Sample(string station, DateTimeOffset at) => SampleCodec.EncodeSample(new Sample(station, at,
        [new Reading(ParameterCatalog.Default["pH"], 7.1), new Reading(ParameterCatalog.Default["COD"], 40)]));
}
