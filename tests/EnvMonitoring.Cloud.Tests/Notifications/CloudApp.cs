using System.Globalization;
using EnvMonitoring.Testing;
using EnvMonitoring.Testing.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>
/// The whole cloud host as <c>Program</c> builds it (Kestrel on a free port, the embedded broker,
/// InfluxDB, rules, notifications), keeping its files in a data folder the test owns — quarantine,
/// keys, sessions, exports and the notifications' outbox — so that a second start on the same folder
/// and database is a restart. Its logs go to <see cref="Log"/>, checked when it is disposed (after
/// it stopped, so shutdown logs count too).
/// </summary>
internal sealed class CloudApp : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly WebApplication _app;

    private CloudApp(WebApplication app, int mqttPort, TestLog log)
    {
        _app = app;
        MqttPort = mqttPort;
        Log = log;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address);
    }

    public int MqttPort { get; }

    public TestLog Log { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the host on <paramref name="database"/> with its files under <paramref name="dataDirectory"/>;
    /// <paramref name="settings"/> add or override configuration. <paramref name="log"/> lets a test allow
    /// what the start itself logs.
    /// </summary>
    public static async Task<CloudApp> StartAsync(
        InfluxServer influx, string database, string dataDirectory, IReadOnlyDictionary<string, string?> settings, TestLog? log = null)
    {
        var mqttPort = FreePort.Next();
        log ??= new TestLog();
        // The cookie keys are kept unencrypted in Security:KeysDirectory (0700, docs/security.md); ASP.NET
        // warns whenever it makes a new key, which this host does in its own folder.
        log.ExpectEvent("NoXMLEncryptorConfiguredKeyMayBePersistedToStorageInUnencryptedForm", "the cloud does not configure where its data-protection keys live");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Test" });
        builder.Logging.ClearProviders().AddProvider(log.Provider);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Broker:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            // Test-only: the test publishes as its station without an identity (docs/security.md).
            ["Broker:AllowAnonymous"] = "true",
            ["Ingestion:ClientId"] = $"ingestion-{Guid.NewGuid():N}",
            ["Ingestion:FlushInterval"] = "00:00:00.050",
            ["Quarantine:Directory"] = Path.Combine(dataDirectory, "quarantine"),
            ["Security:KeysDirectory"] = Path.Combine(dataDirectory, "keys"),
            ["Config:Path"] = Path.Combine(dataDirectory, "config.db"),
            ["Seals:KeyDirectory"] = Path.Combine(dataDirectory, "seal-keys"),
            ["Security:SessionsFile"] = Path.Combine(dataDirectory, "sessions.json"),
            ["Export:Directory"] = Path.Combine(dataDirectory, "exports"),
            ["Notifications:OutboxDirectory"] = Path.Combine(dataDirectory, "outbox"),
            ["Rules:TickInterval"] = "00:00:00.200",
            ["Notifications:FirstRetryDelay"] = "00:00:00.050",
            ["Notifications:MaxRetryDelay"] = "00:00:00.200",
        });
        builder.Configuration.AddInMemoryCollection(influx.CloudSettings(database).Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Configuration.AddInMemoryCollection(TestUsers.Settings().Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCloudServices();
        var app = builder.Build();
        app.MapCloudApi();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            log.Dispose();
            throw;
        }

        return new CloudApp(app, mqttPort, log);
    }

    /// <summary>An HTTP client of the host signed in as <paramref name="user"/> (HTTP Basic).</summary>
    public HttpClient ClientFor(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = user.BasicHeader;
        return client;
    }

    /// <summary>An MQTT client of the host's broker, once it takes publishers (after ingestion subscribed).</summary>
    public async Task<IMqttClient> PublisherAsync()
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                var result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", MqttPort).WithClientId($"pub-{Guid.NewGuid():N}")
                    .WithProtocolVersion(MqttProtocolVersion.V500).Build(), timeout.Token);
                // MQTTnet 5 reports a refusal in the result (or throws, depending on the reason): only a real session counts.
                return result.ResultCode == MqttClientConnectResultCode.Success && client.IsConnected;
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                // Refused (not ready yet) or not listening yet: try again.
                return false;
            }
        }, Wait, "the host's broker accepts a publisher");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        finally
        {
            Log.Dispose();
        }
    }
}
