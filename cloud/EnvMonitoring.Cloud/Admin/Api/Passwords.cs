namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// The rules for a password a person chooses. Passwords the admin API makes (a gateway's, a user's
/// when none is given) come from <see cref="EnvMonitoring.Protocol.Security.IssuedPassword"/>; shown once, only the hash is stored.
/// </summary>
internal static class Passwords
{
    /// <summary>A password a person chooses has at least this many characters.</summary>
    public const int MinLength = 12;

    /// <summary>And at most this many (what sign-in accepts).</summary>
    public const int MaxLength = 1024;

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
