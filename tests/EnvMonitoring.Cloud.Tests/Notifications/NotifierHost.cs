using EnvMonitoring.Cloud.Notifications;
using EnvMonitoring.Testing.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>
/// The notifications component as the cloud host runs it (same registration, real background
/// delivery), configured from key/value pairs like the <c>Notifications</c> section, with every
/// log entry captured: disposing fails the test on a warning or error its <see cref="Log"/> does not expect.
/// </summary>
internal sealed class NotifierHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string? _ownOutbox;

    private NotifierHost(IHost host, TestLog log, string? ownOutbox)
    {
        _host = host;
        Log = log;
        _ownOutbox = ownOutbox;
        Notifier = host.Services.GetRequiredService<AlertNotifier>();
    }

    public AlertNotifier Notifier { get; }

    public TestLog Log { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Fast retries unless the test says otherwise.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastRetries = new Dictionary<string, string?>
    {
        ["Notifications:FirstRetryDelay"] = "00:00:00.050",
        ["Notifications:MaxRetryDelay"] = "00:00:00.200",
        // Generous: a loaded test machine (2 cores, every suite at once) may take seconds to answer; a retry would be a warning the test did not expect.
        ["Notifications:AttemptTimeout"] = "00:00:30",
    };

    /// <summary>
    /// Starts the component; its outboxes go to a folder of its own, deleted when it stops, unless
    /// <paramref name="settings"/> name one (<c>Notifications:OutboxDirectory</c>) that outlives it.
    /// </summary>
    public static async Task<NotifierHost> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var given = settings.ToList();
        var ownOutbox = given.Any(s => s.Key == "Notifications:OutboxDirectory") ? null : Directory.CreateTempSubdirectory("envmon-outbox-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(FastRetries.Concat(ownOutbox is null ? [] : [new("Notifications:OutboxDirectory", ownOutbox)]).Concat(given));
        var log = new TestLog();
        builder.Logging.AddProvider(log.Provider);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddNotifications();
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return new NotifierHost(host, log, ownOutbox);
        }
        catch
        {
            host.Dispose();
            if (ownOutbox is not null)
            {
                Directory.Delete(ownOutbox, recursive: true);
            }

            throw;
        }
    }

    public ReceiverQueue Receiver(string name) => Notifier.Receivers.Single(r => r.Receiver.Name == name);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (_ownOutbox is not null)
        {
            Directory.Delete(_ownOutbox, recursive: true);
        }

        Log.Dispose();
    }
}
