using System.Net;
using System.Net.Sockets;

namespace EnvMonitoring.Testing;

/// <summary>Picks TCP ports for private servers started by tests.</summary>
public static class FreePort
{
    /// <summary>
    /// Returns a TCP port on 127.0.0.1 that was free a moment ago: binds port 0, reads the port the
    /// kernel chose and releases it. Another process may take it before the caller binds it, which
    /// is rare enough for tests because Linux hands out ephemeral ports in a spread-out order.
    /// </summary>
    public static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
