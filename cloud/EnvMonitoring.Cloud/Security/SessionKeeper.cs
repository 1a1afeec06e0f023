using EnvMonitoring.Cloud.Audit;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// Keeps the sessions honest while the host runs: takes a changed user list from configuration
/// (a file edited, a secret store reloaded) and sweeps the <see cref="SessionStore"/> at once and
/// every <see cref="SweepInterval"/>, so a removed, disabled or changed user loses their sessions
/// and live connections within seconds.
/// </summary>
internal sealed class SessionKeeper(
    UserDirectory users, SessionStore sessions, AuditLog audit, IOptionsMonitor<SecurityOptions> options, TimeProvider time, ILogger<SessionKeeper> logger) : BackgroundService
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
            var before = users.Stamps;
            users.Replace(changed.Users);
            var after = users.Stamps;
            var ended = sessions.Sweep();
            SecurityLog.UsersReloaded(logger, changed.Users.Count, ended);
            if (Difference(before, after) is { } difference)
            {
                audit.Record(AuditAction.UsersChanged, "configuration", null, detail: $"{difference}; {ended} session(s) ended");
            }
        }
        catch (InvalidOperationException e)
        {
            SecurityLog.UsersRefused(logger, e.Message);
        }
    }

    /// <summary>Which users were added, removed or changed (password, roles, parks, state); null when none.</summary>
    private static string? Difference(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var parts = new[]
        {
            ("added", after.Keys.Where(name => !before.ContainsKey(name))),
            ("removed", before.Keys.Where(name => !after.ContainsKey(name))),
            ("changed", after.Where(u => before.TryGetValue(u.Key, out var stamp) && stamp != u.Value).Select(u => u.Key)),
        }
            .Select(p => (p.Item1, Names: p.Item2.Order(StringComparer.Ordinal).ToList()))
            .Where(p => p.Names.Count > 0)
            .Select(p => $"{p.Item1}: {string.Join(", ", p.Names)}")
            .ToList();
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
