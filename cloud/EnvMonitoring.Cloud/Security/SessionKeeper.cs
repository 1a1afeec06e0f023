namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// Keeps the sessions honest while the host runs: sweeps the <see cref="SessionStore"/> every
/// <see cref="SweepInterval"/> (and whoever replaces the users sweeps it at once), so a removed,
/// disabled or changed user loses their sessions and live connections within seconds.
/// </summary>
internal sealed class SessionKeeper(SessionStore sessions, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            sessions.Sweep();
        }
    }
}
