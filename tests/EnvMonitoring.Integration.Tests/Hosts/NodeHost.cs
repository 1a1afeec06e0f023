using System.Globalization;
using EnvMonitoring.Node;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>The real sensor node (simulator backend) in process, reporting to a gateway, with its outbox in a temp folder.</summary>
public sealed class NodeHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _outboxDirectory;

    private NodeHost(IHost host, string outboxDirectory)
    {
        _host = host;
        _outboxDirectory = outboxDirectory;
    }

    public static async Task<NodeHost> StartAsync(string park, int gatewayPort, TimeSpan interval, params (string Id, string Medium)[] stations)
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

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddNode();
        var host = builder.Build();
        await host.StartAsync();
        return new NodeHost(host, outboxDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(_outboxDirectory, recursive: true);
    }
}
