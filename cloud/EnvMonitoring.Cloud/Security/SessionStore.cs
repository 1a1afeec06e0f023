using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// The browsers' sessions, kept on the server: the cookie carries only a session id (claim
/// <see cref="SessionClaim"/>) besides the user's claims, and is honoured only while its session is
/// here. Signing out, the idle and absolute timeouts, and any change to the user (removed, disabled,
/// new password or roles: <see cref="UserDirectory.StampOf"/>) end it; <see cref="Changed"/> tells
/// those who hold long-lived connections (the live hub) to check theirs, after every sign-out and
/// every <see cref="Sweep"/> (a few seconds apart, and at once when the users change).
/// Sessions are kept in <see cref="SecurityOptions.SessionsFile"/> (0600), under the SHA-256 of
/// their id, never the id itself, so a restart of the host keeps the control room signed in while
/// a copy of the file opens no session; another host with another file knows none of them.
/// </summary>
public sealed class SessionStore
{
    public const string SessionClaim = "sid";

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly UserDirectory _users;
    private readonly IOptionsMonitor<SecurityOptions> _options;
    private readonly TimeProvider _time;
    private readonly string? _file;
    private readonly Lock _saving = new();
    private int _dirty;

    public SessionStore(UserDirectory users, IOptionsMonitor<SecurityOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<SessionStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _users = users;
        _options = options;
        _time = time;
        _file = options.CurrentValue.SessionsFile is { Length: > 0 } file ? Path.GetFullPath(file, environment.ContentRootPath) : null;
        Load(logger);
    }

    /// <summary>Sessions may have ended, or users changed: holders of connections check them (<see cref="IsOpen"/>, <see cref="UserDirectory.StampOf"/>).</summary>
    public event Action? Changed;

    public int Count => _sessions.Count;

    /// <summary>Opens a session for a user who just proved their password; returns its id.</summary>
    public string Open(string user)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = _time.GetUtcNow();
        _sessions[Key(id)] = new Session(user, _users.StampOf(user) ?? "", now, now);
        Save();
        return id;
    }

    /// <summary>Whether the session is still good for <paramref name="user"/>; a good one counts as active now, a bad one ends.</summary>
    public bool Validate(string? id, string? user)
    {
        if (id is null || user is null || !_sessions.TryGetValue(Key(id), out var session) || session.User != user)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        if (Expired(session, now))
        {
            End(id);
            return false;
        }

        session.Seen(now);
        Interlocked.Exchange(ref _dirty, 1);
        return true;
    }

    public bool IsOpen(string id) => _sessions.ContainsKey(Key(id));

    /// <summary>A long-lived connection (the live hub) of the session opened or closed: while one is open the session is not idle.</summary>
    public void Connected(string id, int delta)
    {
        if (_sessions.TryGetValue(Key(id), out var session))
        {
            session.Connect(delta);
            session.Seen(_time.GetUtcNow());
            Interlocked.Exchange(ref _dirty, 1);
        }
    }

    /// <summary>Signs the session out.</summary>
    public void End(string id)
    {
        if (_sessions.TryRemove(Key(id), out _))
        {
            Save();
            Changed?.Invoke();
        }
    }

    /// <summary>Ends every session whose user changed or whose time is up, and saves what changed; returns how many ended.</summary>
    public int Sweep()
    {
        var now = _time.GetUtcNow();
        var ended = 0;
        foreach (var (key, session) in _sessions)
        {
            if (Expired(session, now) && _sessions.TryRemove(key, out _))
            {
                ended++;
            }
        }

        if (ended > 0 || Interlocked.Exchange(ref _dirty, 0) == 1)
        {
            Save();
        }

        Changed?.Invoke();
        return ended;
    }

    private static string Key(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private bool Expired(Session session, DateTimeOffset now)
    {
        var settings = _options.CurrentValue;
        return _users.StampOf(session.User) != session.Stamp
            || now - session.Opened > settings.SessionLifetime
            || (!session.HasConnections && now - session.LastSeen > settings.SessionTimeout);
    }

    private void Load(ILogger logger)
    {
        if (_file is null || !File.Exists(_file))
        {
            return;
        }

        try
        {
            foreach (var saved in JsonSerializer.Deserialize<List<SavedSession>>(File.ReadAllText(_file)) ?? [])
            {
                _sessions[saved.Key] = new Session(saved.User, saved.Stamp, saved.Opened, saved.LastSeen);
            }
        }
        catch (JsonException e)
        {
            // A damaged file costs the users a sign-in, nothing more.
            SecurityLog.SessionsUnreadable(logger, _file, e.Message);
        }
    }

    /// <summary>Writes the sessions to a new file and moves it over the old one, readable by this account only.</summary>
    private void Save()
    {
        if (_file is null)
        {
            return;
        }

        lock (_saving)
        {
            var saved = _sessions.Select(s => new SavedSession(s.Key, s.Value.User, s.Value.Stamp, s.Value.Opened, s.Value.LastSeen)).ToList();
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            var temporary = _file + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, saved);
            }

            File.Move(temporary, _file, overwrite: true);
        }
    }

    private sealed record SavedSession(string Key, string User, string Stamp, DateTimeOffset Opened, DateTimeOffset LastSeen);

    private sealed class Session(string user, string stamp, DateTimeOffset opened, DateTimeOffset lastSeen)
    {
        private long _lastSeen = lastSeen.UtcTicks;
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
