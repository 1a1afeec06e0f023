using System.Buffers.Text;
using System.Security.Cryptography;

namespace EnvMonitoring.Protocol.Security;

/// <summary>
/// The passwords the platform issues itself (a gateway's broker password, created or rotated by the
/// admin API and shown once): 24 random bytes, 192 bits, as 32 URL-safe base64 characters, so they
/// go into a settings file, an environment variable or a URL without escaping.
/// </summary>
public static class IssuedPassword
{
    private const int RandomBytes = 24;

    /// <summary>The length of every issued password.</summary>
    public const int Length = RandomBytes / 3 * 4;

    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
}
