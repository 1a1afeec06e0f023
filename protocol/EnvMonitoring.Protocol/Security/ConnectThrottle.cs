using System.Net;

namespace EnvMonitoring.Protocol.Security;

/// <summary>
/// Throttles password guessing at an MQTT broker by source address (<see cref="FailureThrottle{TKey}"/>):
/// an address that failed <c>maxFailures</c> times within <c>window</c> is refused without a
/// password check until its oldest counted failure leaves the window.
/// </summary>
public sealed class ConnectThrottle(int maxFailures, TimeSpan window, TimeProvider time) : FailureThrottle<IPAddress>(maxFailures, window, time)
{
    /// <summary>Whether <paramref name="source"/> is refused now; an unknown source (null) is never refused.</summary>
    public bool IsBlocked(IPAddress? source) => source is not null && IsBlocked(source, out _);

    /// <summary>Counts a failed authentication from <paramref name="source"/>.</summary>
    public void Failed(IPAddress? source)
    {
        if (source is not null)
        {
            Fail(source);
        }
    }

    /// <summary>The address part of a client's end point (IPv4-mapped IPv6 folded to IPv4).</summary>
    public static IPAddress? SourceOf(EndPoint? endPoint) =>
        endPoint is IPEndPoint ip ? (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address) : null;
}
