using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Testing;
using EnvMonitoring.Testing.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// The real cloud host (embedded MQTT broker on a free port, ingestion, HTTP API) in process,
/// storing into the given InfluxDB. Its logs go to <see cref="Log"/>: disposing fails the test on a
/// warning or error the test did not allow there.
/// </summary>
public sealed class CloudHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private readonly string _quarantine;

    private CloudHost(WebApplicationFactory<Program> factory, int mqttPort, string database, string quarantine, TestLog log)
    {
        Log = log;
        _quarantine = quarantine;
        _factory = factory;
        MqttPort = mqttPort;
        Database = database;
        Http = ClientFor(TestUsers.Admin);
    }

    public int MqttPort { get; }

    public TestLog Log { get; }

    public string Database { get; }

    /// <summary>The host's own folder for export files (<c>Export:Directory</c>).</summary>
    public string ExportDirectory => Path.Combine(_quarantine, "exports");

    /// <summary>The host's own data folder (quarantine, keys, exports, the configuration store), removed with the host.</summary>
    public string QuarantineDirectory => _quarantine;

    /// <summary>Signed in as <see cref="TestUsers.Admin"/> (HTTP Basic).</summary>
    public HttpClient Http { get; }

    /// <summary>A SignalR connection to <c>/hubs/live</c> signed in as <paramref name="user"/> (long polling through the in-memory server); not started.</summary>
    public HubConnection LiveHub(TestUser user) => new HubConnectionBuilder()
        .WithUrl(new Uri(_factory.Server.BaseAddress, "hubs/live"), options =>
        {
            options.HttpMessageHandlerFactory = _ => _factory.Server.CreateHandler();
            options.Transports = HttpTransportType.LongPolling;
            options.Headers["Authorization"] = user.BasicHeader.ToString();
        })
        .Build();

    /// <summary>A SignalR connection to <c>/hubs/live</c> that sends <paramref name="cookie"/> (a browser's session); not started.</summary>
    public HubConnection LiveHub(string cookie) => new HubConnectionBuilder()
        .WithUrl(new Uri(_factory.Server.BaseAddress, "hubs/live"), options =>
        {
            options.HttpMessageHandlerFactory = _ => _factory.Server.CreateHandler();
            options.Transports = HttpTransportType.LongPolling;
            options.Headers["Cookie"] = cookie;
        })
        .Build();

    /// <summary>The quarantine's latest entries (<c>GET /api/quarantine</c>, as admin), newest first.</summary>
    public async Task<List<JsonElement>> QuarantineAsync()
    {
        var quarantine = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/quarantine", UriKind.Relative));
        return [.. quarantine.GetProperty("entries").EnumerateArray()];
    }

    /// <summary>Waits until an entry with <paramref name="reason"/> from <paramref name="topic"/> is quarantined; returns it.</summary>
    public async Task<JsonElement> WaitForQuarantinedAsync(string reason, string topic, TimeSpan timeout) =>
        await Eventually.ValueAsync(async () => (await QuarantineAsync())
                .Where(e => e.GetProperty("reason").GetString() == reason && e.GetProperty("topic").GetString() == topic)
                .Select(e => (JsonElement?)e).FirstOrDefault(),
            timeout, $"a {reason} entry for {topic} is quarantined");

    /// <summary>The rules (wire names) of the station's open alerts.</summary>
    public async Task<List<string>> OpenRulesAsync(string station)
    {
        var alerts = await Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/alerts?station={Uri.EscapeDataString(station)}", UriKind.Relative));
        return [.. alerts.EnumerateArray().Select(a => a.GetProperty("rule").GetString()!)];
    }

    /// <summary>A client signed in as <paramref name="user"/>, or anonymous when null.</summary>
    public HttpClient ClientFor(TestUser? user)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = user?.BasicHeader;
        return client;
    }

    public IServiceProvider Services => _factory.Services;

    /// <summary>
    /// Starts the host; <paramref name="settings"/> add or override configuration (e.g. <c>Stations:0:Station</c>).
    /// <paramref name="clients"/> are the broker's identities (authentication and ACL on, as shipped);
    /// null allows anonymous clients (test-only <c>Broker:AllowAnonymous</c>) for tests that publish as arbitrary stations.
    /// <paramref name="jsonFile"/> is a configuration file read last and reloaded when it changes, as an edited appsettings.json is.
    /// <paramref name="services"/> replaces registrations (e.g. the relay's clock with a fake one).
    /// <paramref name="untilHealthy"/> false returns once the host answers at all, for a test whose
    /// host must not reach its broker (<c>/api/health</c> then says 503).
    /// </summary>
    public static async Task<CloudHost> StartAsync(
        InfluxServer influx, string database = "envmon", IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<TestBrokerClient>? clients = null, string? jsonFile = null,
        Action<IServiceCollection>? services = null, bool untilHealthy = true)
    {
        ArgumentNullException.ThrowIfNull(influx);
        var mqttPort = FreePort.Next();
        var quarantine = Directory.CreateTempSubdirectory("envmon-quarantine-").FullName;
        var log = new TestLog();
        // The cookie keys are kept unencrypted in Security:KeysDirectory (0700, docs/security.md); ASP.NET
        // warns whenever it makes a new key, which every test host does in its own folder.
        log.ExpectEvent("NoXMLEncryptorConfiguredKeyMayBePersistedToStorageInUnencryptedForm", "the cloud does not configure where its data-protection keys live");
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.ConfigureLogging(logging => logging.AddProvider(log.Provider));
            if (services is not null)
            {
                web.ConfigureTestServices(services);
            }

            if (jsonFile is not null)
            {
                web.ConfigureAppConfiguration(configuration => configuration.AddJsonFile(jsonFile, optional: false, reloadOnChange: true));
            }

            foreach (var (key, value) in influx.CloudSettings(database))
            {
                web.UseSetting(key, value);
            }

            web.UseSetting("Broker:Port", mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Ingestion:ClientId", $"ingestion-{Guid.NewGuid():N}");
            web.UseSetting("Ingestion:FlushInterval", "00:00:00.050");
            web.UseSetting("Quarantine:Directory", quarantine);
            web.UseSetting("Security:SessionsFile", Path.Combine(quarantine, "sessions.json"));
            web.UseSetting("Security:KeysDirectory", Path.Combine(quarantine, "keys"));
            web.UseSetting("Config:Path", Path.Combine(quarantine, "config.db"));
            web.UseSetting("Seals:KeyDirectory", Path.Combine(quarantine, "seal-keys"));
            web.UseSetting("Export:Directory", Path.Combine(quarantine, "exports"));
            web.UseSetting("Notifications:OutboxDirectory", Path.Combine(quarantine, "outbox"));
            web.UseSetting("Relay:StateDirectory", Path.Combine(quarantine, "relay"));
            foreach (var (key, value) in TestUsers.Settings().Concat(TestBrokerClient.Settings(clients)))
            {
                web.UseSetting(key, value);
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                web.UseSetting(key, value);
            }
        });
        var host = new CloudHost(factory, mqttPort, database, quarantine, log);
        await Eventually.UntilAsync(
            async () =>
            {
                using var health = await host.Http.GetAsync(new Uri("/api/health", UriKind.Relative));
                return health.IsSuccessStatusCode || !untilHealthy;
            },
            TimeSpan.FromSeconds(30),
            untilHealthy ? "the cloud host reports healthy (broker connected, InfluxDB reachable)" : "the cloud host answers");
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        Directory.Delete(_quarantine, recursive: true);
        Log.Dispose();
    }
}
