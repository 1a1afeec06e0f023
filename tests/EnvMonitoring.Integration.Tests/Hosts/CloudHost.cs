using EnvMonitoring.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// The real cloud host (embedded MQTT broker on a free port, ingestion, HTTP API) in process,
/// storing into the given InfluxDB.
/// </summary>
public sealed class CloudHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private readonly string _quarantine;

    private CloudHost(WebApplicationFactory<Program> factory, int mqttPort, string database, string quarantine)
    {
        _quarantine = quarantine;
        _factory = factory;
        MqttPort = mqttPort;
        Database = database;
        Http = factory.CreateClient();
    }

    public int MqttPort { get; }

    public string Database { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _factory.Services;

    public static async Task<CloudHost> StartAsync(InfluxServer influx, string database = "envmon")
    {
        ArgumentNullException.ThrowIfNull(influx);
        var mqttPort = FreePort.Next();
        var quarantine = Directory.CreateTempSubdirectory("envmon-quarantine-").FullName;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Influx:Url", influx.BaseUri.ToString());
            web.UseSetting("Influx:Database", database);
            web.UseSetting("Broker:Port", mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Ingestion:ClientId", $"ingestion-{Guid.NewGuid():N}");
            web.UseSetting("Ingestion:FlushInterval", "00:00:00.050");
            web.UseSetting("Quarantine:Directory", quarantine);
        });
        var host = new CloudHost(factory, mqttPort, database, quarantine);
        await Eventually.UntilAsync(
            async () => (await host.Http.GetAsync(new Uri("/api/health", UriKind.Relative))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30),
            "the cloud host reports healthy (broker connected, InfluxDB reachable)");
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        Directory.Delete(_quarantine, recursive: true);
    }
}
