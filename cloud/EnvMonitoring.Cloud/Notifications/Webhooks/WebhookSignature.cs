using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EnvMonitoring.Cloud.Notifications.Webhooks;

/// <summary>
/// Signs a webhook body so its receiver knows it came from us and was not replayed:
/// <c>X-EnvMonitoring-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>
/// with <c>X-EnvMonitoring-Timestamp</c> the Unix time in seconds of the attempt. Receivers check
/// both (docs/rules.md shows how in C# and with openssl).
/// </summary>
internal static class WebhookSignature
{
    public const string SignatureHeader = "X-EnvMonitoring-Signature";
    public const string TimestampHeader = "X-EnvMonitoring-Timestamp";
    public const string DeliveryHeader = "X-EnvMonitoring-Delivery";
    public const string EventHeader = "X-EnvMonitoring-Event";
    public const string Scheme = "sha256=";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return Scheme + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }
}
