using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EnvMonitoring.Testing;

/// <summary>Picks TCP ports for private servers started by tests.</summary>
public static class FreePort
{
    private const int LowestPort = 10_000;
    private const int Attempts = 100;

    /// <summary>
    /// Returns a TCP port on 127.0.0.1 that was free a moment ago. It is drawn at random from below
    /// the kernel's ephemeral range (<c>net.ipv4.ip_local_port_range</c>), because a port handed out
    /// by binding port 0 comes from that range, and every outgoing connection on the machine takes
    /// its local port from it too: with servers and clients busy in parallel tests, one of them
    /// sometimes took the port before the server bound it ("address already in use"). Falls back to
    /// port 0 when nothing below the range is free.
    /// </summary>
    /// <summary>Whether something accepts TCP connections on 127.0.0.1:<paramref name="port"/> (a server's readiness probe).</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken ct)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(TimeSpan.FromSeconds(2));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), attempt.Token);
            return true;
        }
        catch (SocketException)
        {
            // Not listening yet: connection refused.
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public static int Next()
    {
        var ephemeralStart = EphemeralRangeStart();
        if (ephemeralStart > LowestPort + Attempts)
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var port = Random.Shared.Next(LowestPort, ephemeralStart);
                if (TryBind(port, out _))
                {
                    return port;
                }
            }
        }

        TryBind(0, out var any);
        return any;
    }

    private static bool TryBind(int port, out int bound)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            bound = ((IPEndPoint)listener.LocalEndPoint!).Port;
            return true;
        }
        catch (SocketException) when (port != 0)
        {
            bound = 0;
            return false;
        }
    }

    /// <summary>The first port of the kernel's ephemeral range; 32768 (Linux's default) when it cannot be read.</summary>
    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }
}
