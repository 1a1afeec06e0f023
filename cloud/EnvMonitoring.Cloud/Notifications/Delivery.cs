using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>One notice on its way to one receiver.</summary>
internal sealed class Delivery
{
    public Delivery(string receiver, AlertNotice notice, Severity peak, DateTimeOffset queuedAt)
    {
        Notice = notice;
        Peak = peak;
        QueuedAt = queuedAt;
        Id = IdFor(receiver, notice);
    }

    public AlertNotice Notice { get; }

    /// <summary>The worst level the alert had reached when this event was notified.</summary>
    public Severity Peak { get; }

    public DateTimeOffset QueuedAt { get; }

    /// <summary>
    /// Stable for a receiver and an alert event (not random): the same across retries, and the same
    /// should the event be notified again, so a receiver can drop duplicates by it.
    /// </summary>
    public string Id { get; }

    private static string IdFor(string receiver, AlertNotice notice)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{receiver}\n{notice.Event.AlertId}\n{notice.Event.Sequence}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
