using System.Globalization;
using System.Net.Sockets;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Integration.Tests.Ingestion;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace EnvMonitoring.Integration.Tests.Broker;

/// <summary>
/// Issue #13 item 6 on the cloud broker (docs/security.md, TLS): the real cloud host with an MQTTS
/// listener beside its plaintext one, certificates from a CA made for the test, a real InfluxDB.
/// </summary>
public sealed class CloudBrokerTlsTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>, IDisposable
{
    private const string Park = "TlsParkA";
    private static readonly TestBrokerClient Gateway = TestBrokerClient.ForGateway(Park, "tl-gw-01");
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private readonly int _tlsPort = FreePort.Next();

    [Fact]
    public async Task Mqtts_client_trusting_the_ca_connects_authenticates_and_publishes()
    {
        await using var cloud = await StartCloudAsync();
        using var ca = TrustedCa.Load(_certificates.CaPath, "test");
        using var client = new MqttClientFactory().CreateMqttClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var result = await client.ConnectAsync(Options(Gateway.ClientId!)
            .WithCredentials(Gateway.Username, Gateway.Password)
            .WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(e => ca.Accepts(e.Certificate, e.Chain, e.SslPolicyErrors, checkName: true, out _)))
            .Build(), timeout.Token);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);

        var batch = SyntheticTraffic.Batches(Park, "tl-gw-01", ["TL-WWTP-01"], 1, 10, SyntheticTraffic.Start(daysAgo: 1)).Single();
        Assert.Equal(MqttClientPublishReasonCode.Success, await BrokerClient.PublishAsync(client, batch.Topic, batch.Payload));
        await Eventually.UntilAsync(async () => await StoredCounts.FieldAsync(influx.Server, cloud.Database, "pH") >= 10, TimeSpan.FromSeconds(30), "the batch sent over TLS is stored");
    }

    [Fact]
    public async Task Plaintext_client_on_the_tls_port_gets_no_connack_and_the_refusal_is_logged()
    {
        await using var cloud = await StartCloudAsync();
        cloud.Log.ExpectEvent("TlsRefused", "the test speaks plaintext MQTT to the TLS port");
        using var client = new MqttClientFactory().CreateMqttClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var connect = () => client.ConnectAsync(Options(Gateway.ClientId!).WithCredentials(Gateway.Username, Gateway.Password).Build(), timeout.Token);

        await Assert.ThrowsAnyAsync<Exception>(connect);
        Assert.False(client.IsConnected);
        var refusal = await cloud.Log.WaitForAsync(e => e.Is("TlsRefused"), TimeSpan.FromSeconds(10), "the broker logs the failed handshake");
        Assert.Contains("127.0.0.1", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("plaintext MQTT", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_that_never_starts_the_handshake_is_dropped_after_the_timeout()
    {
        await using var cloud = await StartCloudAsync(new Dictionary<string, string> { ["Broker:Tls:HandshakeTimeout"] = "00:00:01" });
        cloud.Log.ExpectEvent("TlsRefused", "the test connects to the TLS port and says nothing");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", _tlsPort);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var read = await socket.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token);

        Assert.Equal(0, read); // closed by the broker
        var refusal = await cloud.Log.WaitForAsync(e => e.Is("TlsRefused"), TimeSpan.FromSeconds(10), "the broker logs the silent client");
        Assert.Contains("no TLS handshake", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_client_certificates_required_a_client_without_one_is_refused_and_one_with_it_connects()
    {
        await using var cloud = await StartCloudAsync(new Dictionary<string, string>
        {
            ["Broker:Tls:ClientCertificateMode"] = "Required",
            ["Broker:Tls:ClientCaPath"] = _certificates.CaPath,
        });
        cloud.Log.ExpectEvent("TlsRefused", "the test connects once without a client certificate");
        using var ca = TrustedCa.Load(_certificates.CaPath, "test");
        using var clientCertificate = new TlsCertificateFile { CertificatePath = _certificates.ClientCertificatePath, KeyPath = _certificates.ClientKeyPath }.LoadCertificate("test");

        async Task<bool> ConnectsAsync(bool withCertificate)
        {
            using var client = new MqttClientFactory().CreateMqttClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await client.ConnectAsync(Options(Gateway.ClientId!)
                    .WithCredentials(Gateway.Username, Gateway.Password)
                    .WithTlsOptions(o =>
                    {
                        o.UseTls().WithCertificateValidationHandler(e => ca.Accepts(e.Certificate, e.Chain, e.SslPolicyErrors, checkName: true, out _));
                        if (withCertificate)
                        {
                            o.WithClientCertificates([clientCertificate]);
                        }
                    })
                    .Build(), timeout.Token);
                return client.IsConnected;
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                return false;
            }
        }

        Assert.False(await ConnectsAsync(withCertificate: false));
        Assert.True(await ConnectsAsync(withCertificate: true));
    }

    public void Dispose() => _certificates.Dispose();

    private MqttClientOptionsBuilder Options(string clientId) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", _tlsPort)
        .WithClientId(clientId)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithTimeout(TimeSpan.FromSeconds(10));

    private Task<CloudHost> StartCloudAsync(Dictionary<string, string>? settings = null)
    {
        var all = TestStations.Settings([(Park, "TL-WWTP-01")]);
        all["Broker:Tls:Port"] = _tlsPort.ToString(CultureInfo.InvariantCulture);
        all["Broker:Tls:CertificatePath"] = _certificates.ServerCertificatePath;
        all["Broker:Tls:KeyPath"] = _certificates.ServerKeyPath;
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return CloudHost.StartAsync(influx.Server, $"brokertls_{Guid.NewGuid():N}", all, [Gateway]);
    }
}
