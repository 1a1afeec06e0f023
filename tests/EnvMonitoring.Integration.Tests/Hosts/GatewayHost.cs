using System.Globalization;
using EnvMonitoring.Edge;
using EnvMonitoring.Testing;
using EnvMonitoring.Testing.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// The real edge gateway in process: its node broker on a free port, forwarding to a cloud broker.
/// Its logs go to <see cref="Log"/>: disposing fails the test on a warning or error the test did not allow there.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly IHost _host;

    private readonly string _logDirectory;

    private GatewayHost(IHost host, string park, string id, int port, string logDirectory, TestLog log)
    {
        Log = log;
        _logDirectory = logDirectory;
        _host = host;
        Park = park;
        Id = id;
        Port = port;
    }

    public string Park { get; }

    public TestLog Log { get; }

    public string Id { get; }

    /// <summary>The MQTT port nodes connect to.</summary>
    public int Port { get; }

    public static async Task<GatewayHost> StartAsync(string park, string id, int cloudMqttPort, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var port = FreePort.Next();
        var logDirectory = Directory.CreateTempSubdirectory("envmon-gateway-log-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Park"] = park,
            ["Gateway:Id"] = id,
            ["Gateway:Listen:Host"] = "127.0.0.1",
            ["Gateway:Listen:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Gateway:Cloud:Host"] = "127.0.0.1",
            ["Gateway:Cloud:Port"] = cloudMqttPort.ToString(CultureInfo.InvariantCulture),
            // The gateway's identity on the cloud broker (TestBrokerClient.ForGateway); ignored where anonymous is allowed.
            ["Gateway:Cloud:Username"] = TestBrokerClient.ForGateway(park, id).Username,
            ["Gateway:Cloud:Password"] = TestBrokerClient.ForGateway(park, id).Password,
            ["Gateway:Forwarding:FlushInterval"] = "00:00:00.050",
            ["Gateway:AllowAnonymous"] = "true",
            ["Gateway:Log:Directory"] = logDirectory,
        });
        if (extra is not null)
        {
            builder.Configuration.AddInMemoryCollection(extra);
        }

        var log = new TestLog();
        builder.Logging.AddProvider(log.Provider);
        builder.AddGateway();
        var host = builder.Build();
        await host.StartAsync();
        return new GatewayHost(host, park, id, port, logDirectory, log);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(_logDirectory, recursive: true);
        Log.Dispose();
    }
}
