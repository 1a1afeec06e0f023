using EnvMonitoring.Cloud.Config;

namespace EnvMonitoring.Cloud.Admin;

/// <summary>
/// The host starts with the configuration store's configuration: before any hosted service starts
/// (<see cref="IHostedLifecycleService.StartingAsync"/> runs ahead of every <c>StartAsync</c>, so
/// ingestion, the broker and the rules start on it), the store is opened (or the host fails,
/// naming the file), seeded from the settings and applied.
/// </summary>
internal sealed class ConfigStartup(IConfigStore store, ConfigSeeder seeder, IConfigApplier applier) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        await seeder.SeedAsync(cancellationToken);
        await applier.ApplyAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
