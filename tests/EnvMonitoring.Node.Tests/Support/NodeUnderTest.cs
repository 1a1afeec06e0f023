using System.Globalization;
using EnvMonitoring.Node.Outbox;
using EnvMonitoring.Testing.Logging;
using Microsoft.Extensions.Configuration;

namespace EnvMonitoring.Node.Tests.Support;

/// <summary>
/// The real node host (AddNode) in process, reporting to a test broker, with its outbox in a folder
/// the test owns (so a second host over the same folder is the same node after a reboot).
/// Disposing fails the test on a warning or error its <see cref="Log"/> does not expect.
/// </summary>
internal sealed class NodeUnderTest : IAsyncDisposable
{
    private readonly IHost _host;

    private NodeUnderTest(IHost host, TestLog log)
    {
        _host = host;
        Log = log;
    }

    public TestLog Log { get; }

    public IServiceProvider Services => _host.Services;

    public static Dictionary<string, string?> Settings(string park, int gatewayPort, string bufferDirectory, TimeSpan reportInterval, params (string Id, string Medium)[] stations)
    {
        ArgumentNullException.ThrowIfNull(stations);
        var settings = new Dictionary<string, string?>
        {
            ["Node:Park"] = park,
            ["Node:Gateway:Host"] = "127.0.0.1",
            ["Node:Gateway:Port"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Node:Gateway:MaxRetryDelay"] = "00:00:00.500",
            ["Node:ReportInterval"] = reportInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Node:SampleInterval"] = reportInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Node:Buffer:Directory"] = bufferDirectory,
        };
        for (var i = 0; i < stations.Length; i++)
        {
            settings[$"Node:Stations:{i}:Id"] = stations[i].Id;
            settings[$"Node:Stations:{i}:Medium"] = stations[i].Medium;
        }

        return settings;
    }

    public static async Task<NodeUnderTest> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null, string? jsonFile = null)
    {
        var log = new TestLog();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", ContentRootPath = AppContext.BaseDirectory });
        if (jsonFile is not null)
        {
            builder.Configuration.AddJsonFile(jsonFile, optional: false);
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(log.Provider);
        services?.Invoke(builder.Services);
        builder.AddNode();
        var host = builder.Build();
        await host.StartAsync();
        return new NodeUnderTest(host, log);
    }

    public SampleOutbox Outbox(string station) => _host.Services.GetRequiredService<Outboxes>()[station];

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Log.Dispose();
    }
}
