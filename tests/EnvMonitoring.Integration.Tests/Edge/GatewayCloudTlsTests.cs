using System.Globalization;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Edge;

/// <summary>
/// Issue #13 item 6 on the node → gateway → cloud hops (docs/security.md, TLS): the real gateway
/// forwards to the real cloud host's MQTTS listener, checking the broker's certificate against its
/// configured CA alone; given the wrong CA it refuses to connect, says why, keeps the samples and
/// retries. The real node does the same towards the gateway's TLS listener.
/// </summary>
public sealed class GatewayCloudTlsTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>, IDisposable
{
    private const string Park = "TlsParkG";
    private static readonly string[] Stations = ["TG-WWTP-01"];
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private readonly int _tlsPort = FreePort.Next();

    [Fact]
    public async Task Gateway_given_the_wrong_ca_refuses_to_connect_keeps_its_samples_and_retries()
    {
        await using var cloud = await StartCloudAsync();
        cloud.Log.ExpectEvent("TlsRefused", "the gateway aborts the handshake when it refuses the broker's certificate");
        await using var gateway = await StartGatewayAsync(_certificates.OtherCaPath);
        gateway.Log.ExpectEvent("CloudCertificateRefused", "the gateway is given a CA that did not sign the broker's certificate");
        gateway.Log.ExpectEvent("ForwardingInterrupted", "each refused connect interrupts forwarding until the next attempt");
        await using var node = TestNode.Start(() => gateway.Port, Park, Stations, total: 20, perSecond: 100, DateTimeOffset.UtcNow.AddDays(-1));
        await node.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        var first = await gateway.Log.WaitForAsync(e => e.Is("CloudCertificateRefused"), TimeSpan.FromSeconds(30), "the gateway refuses the broker's certificate");
        Assert.Contains("does not chain to the configured CA", first.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway:Cloud:Tls:CaPath", first.Message, StringComparison.Ordinal);
        // It keeps retrying with backoff, as for any connect failure.
        await Eventually.UntilAsync(() => Task.FromResult(gateway.Log.AtLeast(Microsoft.Extensions.Logging.LogLevel.Warning).Count(e => e.Is("CloudCertificateRefused")) >= 2),
            TimeSpan.FromSeconds(30), "the gateway tries again");

        Assert.Equal(20, node.AcknowledgedCount);
        Assert.Equal(0, await influx.Server.CountAsync(cloud.Database, "SELECT COUNT(\"pH\") FROM \"sample\""));
    }

    [Fact]
    public async Task Gateway_trusting_the_ca_forwards_over_tls_and_every_sample_is_stored()
    {
        await using var cloud = await StartCloudAsync();
        await using var gateway = await StartGatewayAsync(_certificates.CaPath);
        await using var node = TestNode.Start(() => gateway.Port, Park, Stations, total: 200, perSecond: 200, DateTimeOffset.UtcNow.AddDays(-1));
        await node.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        await EdgeDelivery.WaitUntilStoredAsync(influx.Server, cloud.Database, 200, TimeSpan.FromSeconds(30));
        await EdgeDelivery.AssertAllStoredAsync(influx.Server, cloud.Database, node.Acknowledged);
    }

    [Fact]
    public async Task Node_to_gateway_to_cloud_all_over_tls_stores_the_readings()
    {
        await using var cloud = await StartCloudAsync();
        var nodeTlsPort = FreePort.Next();
        await using var gateway = await StartGatewayAsync(_certificates.CaPath, nodeTlsPort);
        await using var node = await NodeHost.StartAsync(Park, nodeTlsPort, TimeSpan.FromSeconds(1),
            new Dictionary<string, string?> { ["Node:Gateway:Tls:CaPath"] = _certificates.CaPath }, (Stations[0], "Water"));

        await EdgeDelivery.WaitUntilStoredAsync(influx.Server, cloud.Database, 3, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Node_given_the_wrong_ca_refuses_the_gateway_and_says_why()
    {
        var nodeTlsPort = FreePort.Next();
        await using var gateway = await StartGatewayAsync(_certificates.CaPath, nodeTlsPort);
        gateway.Log.ExpectEvent("ForwardingInterrupted", "no cloud broker listens: this test uses only the gateway's node side");
        await using var node = await NodeHost.StartAsync(Park, nodeTlsPort, TimeSpan.FromSeconds(1),
            new Dictionary<string, string?> { ["Node:Gateway:Tls:CaPath"] = _certificates.OtherCaPath }, (Stations[0], "Water"));
        node.Log.ExpectEvent("GatewayCertificateRefused", "the node is given a CA that did not sign the gateway's certificate");
        node.Log.ExpectEvent("GatewayUnreachable", "the refused connect leaves the gateway unreachable (retried with backoff)");

        var refusal = await node.Log.WaitForAsync(e => e.Is("GatewayCertificateRefused"), TimeSpan.FromSeconds(30), "the node refuses the gateway's certificate");
        Assert.Contains("does not chain to the configured CA", refusal.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _certificates.Dispose();

    private Task<GatewayHost> StartGatewayAsync(string caPath, int nodeTlsPort = 0) =>
        GatewayHost.StartAsync(Park, "tg-gw-01", _tlsPort, new Dictionary<string, string?>
        {
            ["Gateway:Cloud:Tls:CaPath"] = caPath,
            ["Gateway:Tls:Port"] = nodeTlsPort.ToString(CultureInfo.InvariantCulture),
            ["Gateway:Tls:CertificatePath"] = _certificates.ServerCertificatePath,
            ["Gateway:Tls:KeyPath"] = _certificates.ServerKeyPath,
        });

    private Task<CloudHost> StartCloudAsync()
    {
        var settings = TestStations.Settings(Park, Stations);
        settings["Broker:Tls:Port"] = _tlsPort.ToString(CultureInfo.InvariantCulture);
        settings["Broker:Tls:CertificatePath"] = _certificates.ServerCertificatePath;
        settings["Broker:Tls:KeyPath"] = _certificates.ServerKeyPath;
        return CloudHost.StartAsync(influx.Server, $"gwtls_{Guid.NewGuid():N}", settings, [TestBrokerClient.ForGateway(Park, "tg-gw-01")]);
    }
}
