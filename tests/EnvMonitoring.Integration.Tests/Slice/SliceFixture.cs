using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Slice;

/// <summary>A private InfluxDB, the cloud host and one park gateway, all real, for one test.</summary>
public abstract class SliceFixture : IAsyncLifetime
{
    protected const string Park = "YenBinh";

    /// <summary>A station wired to the cloud directly (its own identity on the cloud broker).</summary>
    protected static readonly TestBrokerClient DirectStation = TestBrokerClient.ForStation("SongCong2", "SC2-WWTP-01");

    private InfluxServer? _influx;
    private CloudHost? _cloud;
    private GatewayHost? _gateway;

    protected InfluxServer Influx => _influx ?? throw new InvalidOperationException("not started");

    protected CloudHost Cloud => _cloud ?? throw new InvalidOperationException("not started");

    protected GatewayHost Gateway => _gateway ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _influx = await InfluxServer.StartAsync();
        // The stations the slice's tests publish for: three behind the gateway, one wired straight to the cloud;
        // authentication and ACL on, as shipped: the gateway and the direct station with their own identities.
        _cloud = await CloudHost.StartAsync(_influx, settings: TestStations.Settings(
            [(Park, "YB-WWTP-01"), (Park, "YB-TEXTILE-01"), (Park, "YB-BOILER-01"), ("SongCong2", "SC2-WWTP-01")]),
            clients: [TestBrokerClient.ForGateway(Park, "yb-gw-01"), DirectStation]);
        _gateway = await GatewayHost.StartAsync(Park, "yb-gw-01", _cloud.MqttPort);
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
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
    }
}
