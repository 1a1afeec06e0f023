using System.Security.Cryptography;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// Passwords the admin API makes (a gateway's, a user's when none is given): 24 random bytes from
/// the system's cryptographic generator as 32 URL-safe characters, easy to paste into a gateway's
/// settings or a URL-encoded form. Shown once; only the hash is stored.
/// </summary>
internal static class Passwords
{
    /// <summary>A password a person chooses has at least this many characters.</summary>
    public const int MinLength = 12;

    /// <summary>And at most this many (what sign-in accepts).</summary>
    public const int MaxLength = 1024;

    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    /// <summary>Adds an error under <paramref name="field"/> when a chosen password is too short or too long.</summary>
    public static void Check(FieldErrors errors, string field, string? password)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (password is null || password.Length < MinLength)
        {
            errors.Add(field, $"A password has at least {MinLength} characters.", $"Mật khẩu phải có ít nhất {MinLength} ký tự.");
        }
        else if (password.Length > MaxLength)
        {
            errors.Add(field, $"A password has at most {MaxLength} characters.", $"Mật khẩu có tối đa {MaxLength} ký tự.");
        }
    }
}
