using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// The browsers' sessions, kept on the server: the cookie carries only a session id (claim
/// <see cref="SessionClaim"/>) besides the user's claims, and is honoured only while its session is
/// here. Signing out, the idle and absolute timeouts, and any change to the user (removed, disabled,
/// new password or roles: <see cref="UserDirectory.StampOf"/>) end it; <see cref="Changed"/> tells
/// those who hold long-lived connections (the live hub) to check theirs, after every sign-out and
/// every <see cref="Sweep"/> (a few seconds apart, and at once when the users change). Sessions live in this
/// process's memory: a restart, or another host, signs everyone out.
/// </summary>
public sealed class SessionStore(UserDirectory users, IOptionsMonitor<SecurityOptions> options, TimeProvider time)
{
    public const string SessionClaim = "sid";

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>Sessions may have ended, or users changed: holders of connections check them (<see cref="IsOpen"/>, <see cref="UserDirectory.StampOf"/>).</summary>
    public event Action? Changed;

    public int Count => _sessions.Count;

    /// <summary>Opens a session for a user who just proved their password; returns its id.</summary>
    public string Open(string user)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = time.GetUtcNow();
        _sessions[id] = new Session(user, users.StampOf(user) ?? "", now);
        return id;
    }

    /// <summary>Whether the session is still good for <paramref name="user"/>; a good one counts as active now, a bad one ends.</summary>
    public bool Validate(string? id, string? user)
    {
        if (id is null || user is null || !_sessions.TryGetValue(id, out var session) || session.User != user)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (Expired(session, now) is not null)
        {
            End(id);
            return false;
        }

        session.Seen(now);
        return true;
    }

    /// <summary>A long-lived connection (the live hub) of the session opened or closed: while one is open the session is not idle.</summary>
    public void Connected(string id, int delta)
    {
        if (_sessions.TryGetValue(id, out var session))
        {
            session.Connect(delta);
            session.Seen(time.GetUtcNow());
        }
    }

    public bool IsOpen(string id) => _sessions.ContainsKey(id);

    /// <summary>Signs the session out.</summary>
    public void End(string id)
    {
        if (_sessions.TryRemove(id, out _))
        {
            Changed?.Invoke();
        }
    }

    /// <summary>Ends every session whose user changed or whose time is up; returns how many ended.</summary>
    public int Sweep()
    {
        var now = time.GetUtcNow();
        var ended = 0;
        foreach (var (id, session) in _sessions)
        {
            if (Expired(session, now) is not null && _sessions.TryRemove(id, out _))
            {
                ended++;
            }
        }

        Changed?.Invoke();
        return ended;
    }

    /// <summary>Why the session must end now, or null.</summary>
    private string? Expired(Session session, DateTimeOffset now)
    {
        var settings = options.CurrentValue;
        if (users.StampOf(session.User) != session.Stamp)
        {
            return "the user was changed, disabled or removed";
        }

        if (now - session.Opened > settings.SessionLifetime)
        {
            return "absolute timeout";
        }

        return !session.HasConnections && now - session.LastSeen > settings.SessionTimeout ? "idle timeout" : null;
    }

    private sealed class Session(string user, string stamp, DateTimeOffset opened)
    {
        private long _lastSeen = opened.UtcTicks;
        private int _connections;

        public string User { get; } = user;

        public string Stamp { get; } = stamp;

        public DateTimeOffset Opened { get; } = opened;

        public DateTimeOffset LastSeen => new(Volatile.Read(ref _lastSeen), TimeSpan.Zero);

        public bool HasConnections => Volatile.Read(ref _connections) > 0;

        public void Seen(DateTimeOffset now) => Volatile.Write(ref _lastSeen, now.UtcTicks);

        public void Connect(int delta) => Interlocked.Add(ref _connections, delta);
    }
}
