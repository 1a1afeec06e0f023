using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// Keeps the sessions honest while the host runs: takes a changed user list from configuration
/// (a file edited, a secret store reloaded) and sweeps the <see cref="SessionStore"/> at once and
/// every <see cref="SweepInterval"/>, so a removed, disabled or changed user loses their sessions
/// and live connections within seconds.
/// </summary>
internal sealed class SessionKeeper(
    UserDirectory users, SessionStore sessions, IOptionsMonitor<SecurityOptions> options, TimeProvider time, ILogger<SessionKeeper> logger) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = options.OnChange(UsersChanged);
        using var timer = new PeriodicTimer(SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            sessions.Sweep();
        }
    }

    private void UsersChanged(SecurityOptions changed)
    {
        if (changed.Users.Count == 0)
        {
            // The demo's users (or none) are fixed at start.
            return;
        }

        try
        {
            users.Replace(changed.Users);
            SecurityLog.UsersReloaded(logger, changed.Users.Count, sessions.Sweep());
        }
        catch (InvalidOperationException e)
        {
            SecurityLog.UsersRefused(logger, e.Message);
        }
    }
}
