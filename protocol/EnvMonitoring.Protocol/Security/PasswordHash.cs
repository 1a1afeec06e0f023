using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EnvMonitoring.Protocol.Security;

/// <summary>
/// Device and user passwords are stored as PBKDF2-SHA256 hashes with a random salt:
/// <c>pbkdf2-sha256$100000$&lt;salt base64&gt;$&lt;hash base64&gt;</c>. Verification is constant-time.
/// </summary>
public static class PasswordHash
{
    private const string Scheme = "pbkdf2-sha256";
    private const int Iterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>
    /// A hash of a random password, checked when the username is unknown so that an unknown user
    /// costs the same PBKDF2 work as a known one and response time does not reveal which exist.
    /// </summary>
    private static readonly Lazy<string> Dummy = new(() => Create(IssuedPassword.Create()));

    public static string Create(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string? password, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('$');
        if (password is null || parts.Length != 4 || parts[0] != Scheme ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < 10_000 or > 10_000_000)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Checks <paramref name="password"/> against <paramref name="stored"/>, or, when there is no
    /// stored hash (an unknown user), against a dummy one at the same cost; false in that case.
    /// </summary>
    public static bool VerifyOrDummy(string? password, string? stored)
    {
        // Always one PBKDF2 run: a missing password or user costs what a wrong one does.
        var matches = Verify(password ?? "", stored ?? Dummy.Value);
        return matches && password is not null && stored is not null;
    }

    /// <summary>Whether <paramref name="stored"/> has the shape of a hash this class makes (checked at start-up).</summary>
    public static bool IsWellFormed(string stored) =>
        stored.Split('$') is [Scheme, var iterations, var salt, var hash] && int.TryParse(iterations, out _) &&
        Convert.TryFromBase64String(salt, new byte[salt.Length], out _) && Convert.TryFromBase64String(hash, new byte[hash.Length], out _);

    /// <summary>
    /// The <c>hash-password</c> command of the cloud and gateway programs: prints the hash of the
    /// password given as the argument or, better (no shell history), on standard input: one hash per
    /// line, so a launcher hashes several passwords with one process. Returns the exit code.
    /// </summary>
    public static async Task<int> RunCommandAsync(string[] args, string program, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length > 1)
        {
            await output.WriteLineAsync(Create(args[1]));
            return 0;
        }

        var hashed = 0;
        while (await input.ReadLineAsync() is { Length: > 0 } password)
        {
            await output.WriteLineAsync(Create(password));
            hashed++;
        }

        if (hashed == 0)
        {
            await error.WriteLineAsync($"usage: {program} hash-password [password]   (or passwords on standard input, one a line)");
            return 2;
        }

        return 0;
    }
}
