using System.Collections.Concurrent;
using System.Security.Claims;
using EnvMonitoring.Cloud.Security;
using Microsoft.AspNetCore.SignalR;

namespace EnvMonitoring.Cloud.Live;

/// <summary>
/// The hub's open connections and whose they are. A connection lives as long as its WebSocket, far
/// longer than the request that authenticated it, so whenever the <see cref="SessionStore"/> says
/// something changed (a sign-out, a sweep every few seconds, new users) each connection is checked
/// again: one whose session ended, or whose user was removed, disabled or changed since it
/// connected, is closed. While a connection is open its session is not idle.
/// </summary>
public sealed class LiveConnections : IDisposable
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly SessionStore _sessions;
    private readonly UserDirectory _users;

    public LiveConnections(SessionStore sessions, UserDirectory users)
    {
        _sessions = sessions;
        _users = users;
        _sessions.Changed += Check;
    }

    public int Count => _connections.Count;

    public void Opened(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User?.Identity?.Name ?? "";
        var session = context.User?.FindFirstValue(SessionStore.SessionClaim);
        _connections[context.ConnectionId] = new Connection(context, user, session, _users.StampOf(user));
        if (session is not null)
        {
            _sessions.Connected(session, +1);
        }

        // Signed out between the handshake and now: closed like any other.
        Check();
    }

    public void Closed(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_connections.TryRemove(context.ConnectionId, out var connection) && connection.Session is { } session)
        {
            _sessions.Connected(session, -1);
        }
    }

    public void Dispose() => _sessions.Changed -= Check;

    private void Check()
    {
        foreach (var (_, connection) in _connections)
        {
            var ended = connection.Session is { } session && !_sessions.IsOpen(session);
            if (ended || _users.StampOf(connection.User) != connection.Stamp || connection.Stamp is null)
            {
                connection.Context.Abort();
            }
        }
    }

    private sealed record Connection(HubCallerContext Context, string User, string? Session, string? Stamp);
}
