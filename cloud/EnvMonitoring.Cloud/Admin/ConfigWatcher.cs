using System.Data.Common;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Stations;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace EnvMonitoring.Cloud.Admin;

/// <summary>
/// Keeps the host in line with the store while it runs, every <see cref="PollInterval"/>: seeds the
/// store again when the settings changed (a reloaded settings file or secret store, an edited
/// <c>StationsFile</c>), then applies the store when its revision moved, which also takes changes
/// made by another process (a second host on the same store, <c>config import</c>).
/// </summary>
internal sealed class ConfigWatcher(ConfigSeeder seeder, IConfigApplier applier, IConfiguration configuration, TimeProvider time, ILogger<ConfigWatcher> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private int _settingsChanged;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stationsFile = StationsFileWatch();
        using var settings = ChangeToken.OnChange(configuration.GetReloadToken, SettingsChanged);
        using var timer = new PeriodicTimer(PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (Interlocked.Exchange(ref _settingsChanged, 0) == 1)
                {
                    AdminLog.SettingsChanged(logger);
                    await seeder.SeedAsync(stoppingToken);
                }

                await applier.ApplyAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbException or IOException or InvalidOperationException)
            {
                // A locked or unreachable store, or a settings file caught mid-write: the next tick tries again.
                AdminLog.WatchFailed(logger, e.Message);
                Interlocked.Exchange(ref _settingsChanged, 1);
            }
        }
    }

    private void SettingsChanged() => Interlocked.Exchange(ref _settingsChanged, 1);

    /// <summary>The stations file is read by the seeder, not through configuration: its edits are watched here.</summary>
    private IDisposable? StationsFileWatch()
    {
        if (configuration[StationsFile.Setting] is not { Length: > 0 } file)
        {
            return null;
        }

        var full = Path.GetFullPath(file);
        var provider = new PhysicalFileProvider(Path.GetDirectoryName(full)!);
        var subscription = ChangeToken.OnChange(() => provider.Watch(Path.GetFileName(full)), SettingsChanged);
        return new Both(subscription, provider);
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
