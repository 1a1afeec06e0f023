using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Integration.Tests.Ingestion;
using EnvMonitoring.Testing;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Edge;

/// <summary>
/// The gateway's promise, with real processes: once a node's reading is acknowledged it reaches
/// InfluxDB, whatever happens to the WAN link, the cloud, or the gateway's own power. The gateway
/// forwards over TLS to the cloud broker's MQTTS listener, checking it against a test CA, as shipped.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class GatewayDeliveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Park = "SongCong2";

    /// <summary>The test node's pace: 80 samples a second.</summary>
    private const int SamplesPerSecond = 80;

    /// <summary>The WAN outage the scenario is about, 60 s, measured in what the node publishes meanwhile.</summary>
    private const int OutageSamples = SamplesPerSecond * 60;

    /// <summary>Samples the node sends in the WAN outage test.</summary>
    private const int Total = 9_000;
    private static readonly string[] Stations = ["SC2-WWTP-01", "SC2-PLATING-01", "SC2-PLATING-02", "SC2-DYE-01", "SC2-PAPER-01"];

    private readonly TestCertificates _certificates = TestCertificates.Create();
    private readonly int _cloudTlsPort = FreePort.Next();
    private InfluxServer? _influx;
    private CloudProcess? _cloud;
    private GatewayProcess? _gateway;

    private InfluxServer Influx => _influx!;

    private CloudProcess Cloud => _cloud!;

    private GatewayProcess Gateway => _gateway!;

    public async Task InitializeAsync()
    {
        _influx = await InfluxServer.StartAsync();
        // Authentication and ACL on, as shipped: the gateway connects with its own identity.
        _cloud = await CloudProcess.StartAsync(new CloudProcessSettings
        {
            Influx = _influx,
            Database = "edge",
            BrokerPort = FreePort.Next(),
            Clients = [TestBrokerClient.ForGateway(Park, "sc2-gw-01")],
            Extra = new Dictionary<string, string>(TestStations.Settings(Park, Stations, "__"))
            {
                ["Broker__Tls__Port"] = _cloudTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Broker__Tls__CertificatePath"] = _certificates.ServerCertificatePath,
                ["Broker__Tls__KeyPath"] = _certificates.ServerKeyPath,
            },
        }, output);
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            output.WriteLine(_gateway.OutputTail);
            await _gateway.DisposeAsync();
        }

        if (_cloud is not null)
        {
            await _cloud.DisposeAsync();
        }

        if (_influx is not null)
        {
            await _influx.DisposeAsync();
        }

        _certificates.Dispose();
    }

    /// <summary>The gateway under test, forwarding over TLS (<c>Gateway:Cloud:Tls</c>).</summary>
    private Task<GatewayProcess> StartGatewayAsync(Dictionary<string, string>? extra = null)
    {
        var settings = extra ?? [];
        settings["Gateway:Cloud:Tls:CaPath"] = _certificates.CaPath;
        return GatewayProcess.StartAsync(Park, "sc2-gw-01", _cloudTlsPort, settings);
    }

    [Fact]
    public async Task Wan_outage_of_60_s_loses_nothing_and_live_data_resumes_before_the_backlog_is_replayed()
    {
        _gateway = await StartGatewayAsync(new Dictionary<string, string> { ["Gateway:Forwarding:ReplaySamplesPerSecond"] = "200" });
        var firstTs = DateTimeOffset.UtcNow.AddDays(-1);
        // 9,000 samples × 8 values = 72,000 readings over ~110 s, the cloud away for 60 s of it.
        await using var node = TestNode.Start(() => Gateway.Port, Park, Stations, total: Total, perSecond: SamplesPerSecond, firstTs);
        // Waits are generous: CI runs every suite at once on 2 cores, and the node then sends slower than it asks to.
        await EdgeDelivery.WaitUntilStoredAsync(Influx, "edge", 200, TimeSpan.FromSeconds(90));

        await Cloud.StopAsync();
        var outageFrom = node.AcknowledgedCount;
        // The outage lasts until the gateway has taken 60 s of the node's samples with the cloud away:
        // its duration is the scenario, counted in the backlog it leaves rather than slept.
        await Eventually.UntilAsync(() => node.AcknowledgedCount >= outageFrom + OutageSamples, TimeSpan.FromMinutes(5),
            $"the gateway acknowledged {OutageSamples} samples (60 s of the node's traffic) while the cloud is away");
        var outageTo = node.AcknowledgedCount;
        await Cloud.StartAgainAsync();
        var outageStart = TestNode.SampleAt(Stations, outageFrom, firstTs).Timestamp.ToUnixTimeMilliseconds();
        var outageEnd = TestNode.SampleAt(Stations, outageTo, firstTs).Timestamp.ToUnixTimeMilliseconds();
        var backlog = $"SELECT COUNT(\"pH\") FROM \"sample\" WHERE time >= {outageStart}ms AND time < {outageEnd}ms";

        // Once the backlog starts arriving the gateway is surely back; a sample the node hands over
        // from then on (timed by its arrival, not by its index: a loaded machine slows the node down)
        // is stored while the rest of the backlog (~5,000 samples at 200/s, 25 s) is still replaying.
        await Eventually.UntilAsync(async () => await Influx.CountAsync("edge", backlog) > 0, TimeSpan.FromMinutes(2), "the gateway replays its backlog once the cloud is back");
        var liveIndex = node.AcknowledgedCount + (SamplesPerSecond / 2);
        Assert.True(liveIndex < Total, $"the node still sends when the backlog starts replaying (sample {liveIndex} of {Total})");
        var live = TestNode.SampleAt(Stations, liveIndex, firstTs);
        await Eventually.UntilAsync(
            async () => await Influx.CountAsync("edge", $"SELECT COUNT(\"pH\") FROM \"sample\" WHERE \"station\" = '{live.Station}' AND time = {live.Timestamp.ToUnixTimeMilliseconds()}ms") == 1,
            TimeSpan.FromSeconds(60), "a live sample after the outage is stored");
        var replayed = await Influx.CountAsync("edge", backlog);
        Assert.True(replayed < outageTo - outageFrom, $"live data waited for the whole backlog ({replayed} of {outageTo - outageFrom} replayed first)");

        await node.Completion.WaitAsync(TimeSpan.FromMinutes(4));
        await EdgeDelivery.WaitUntilStoredAsync(Influx, "edge", Total, TimeSpan.FromMinutes(2));
        await EdgeDelivery.AssertAllStoredAsync(Influx, "edge", node.Acknowledged);
    }

    [Fact]
    public async Task Power_loss_of_the_gateway_several_times_loses_no_acknowledged_reading()
    {
        _gateway = await StartGatewayAsync();
        await using var node = TestNode.Start(() => Gateway.Port, Park, Stations, total: 3_000, perSecond: 150, DateTimeOffset.UtcNow.AddHours(-2));

        for (var kill = 1; kill <= 3; kill++)
        {
            var before = node.AcknowledgedCount;
            await Eventually.UntilAsync(() => node.AcknowledgedCount >= before + 400, TimeSpan.FromSeconds(120), $"the node is acknowledged for more samples before power loss {kill}");
            await Gateway.KillAsync();
            await Gateway.StartAgainAsync();
        }

        await node.Completion.WaitAsync(TimeSpan.FromMinutes(4));
        await EdgeDelivery.WaitUntilStoredAsync(Influx, "edge", node.AcknowledgedCount, TimeSpan.FromMinutes(1));
        await EdgeDelivery.AssertAllStoredAsync(Influx, "edge", node.Acknowledged);
    }

    [Fact]
    public async Task Cloud_crash_mid_stream_loses_nothing_because_unacknowledged_batches_are_sent_again()
    {
        _gateway = await StartGatewayAsync();
        await using var node = TestNode.Start(() => Gateway.Port, Park, Stations, total: 3_000, perSecond: 150, DateTimeOffset.UtcNow.AddHours(-3));
        await EdgeDelivery.WaitUntilStoredAsync(Influx, "edge", 500, TimeSpan.FromSeconds(120));

        await Cloud.KillAsync();
        await Eventually.UntilAsync(() => node.AcknowledgedCount >= 1_200, TimeSpan.FromSeconds(120), "the gateway keeps acknowledging while the cloud is down");
        await Cloud.StartAgainAsync();

        await node.Completion.WaitAsync(TimeSpan.FromMinutes(4));
        await EdgeDelivery.WaitUntilStoredAsync(Influx, "edge", 3_000, TimeSpan.FromMinutes(1));
        await EdgeDelivery.AssertAllStoredAsync(Influx, "edge", node.Acknowledged);
    }
}
