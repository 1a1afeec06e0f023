using System.Globalization;
using EnvMonitoring.Node;
using EnvMonitoring.Testing.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// The real sensor node (simulator backend) in process, reporting to a gateway, with its outbox in a temp folder.
/// Its logs go to <see cref="Log"/>: disposing fails the test on a warning or error the test did not allow there.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _outboxDirectory;

    private NodeHost(IHost host, string outboxDirectory, TestLog log)
    {
        Log = log;
        _host = host;
        _outboxDirectory = outboxDirectory;
    }

    public TestLog Log { get; }

    public static Task<NodeHost> StartAsync(string park, int gatewayPort, TimeSpan interval, params (string Id, string Medium)[] stations) =>
        StartAsync(park, gatewayPort, interval, null, stations);

    /// <summary>Starts the node; <paramref name="extra"/> adds or overrides configuration (e.g. <c>Node:Gateway:Tls:CaPath</c>).</summary>
    public static async Task<NodeHost> StartAsync(string park, int gatewayPort, TimeSpan interval, IReadOnlyDictionary<string, string?>? extra, params (string Id, string Medium)[] stations)
    {
        ArgumentNullException.ThrowIfNull(stations);
        var outboxDirectory = Directory.CreateTempSubdirectory("envmon-node-outbox-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Node:Park"] = park,
            ["Node:Backend"] = "Simulator",
            ["Node:Gateway:Host"] = "127.0.0.1",
            ["Node:Gateway:Port"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Node:ReportInterval"] = interval.ToString("c", CultureInfo.InvariantCulture),
            ["Node:Buffer:Directory"] = outboxDirectory,
        };
        for (var i = 0; i < stations.Length; i++)
        {
            settings[$"Node:Stations:{i}:Id"] = stations[i].Id;
            settings[$"Node:Stations:{i}:Medium"] = stations[i].Medium;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(settings);
        var log = new TestLog();
        builder.Logging.AddProvider(log.Provider);
        builder.AddNode();
        var host = builder.Build();
        await host.StartAsync();
        return new NodeHost(host, outboxDirectory, log);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(_outboxDirectory, recursive: true);
        Log.Dispose();
    }
}
