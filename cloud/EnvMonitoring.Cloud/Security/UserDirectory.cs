using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// The configured users. Checking a password costs a PBKDF2 derivation (~tens of ms), so a
/// successful check is remembered for a few minutes under a SHA-256 of name and password; API
/// clients that send HTTP Basic on every request pay it once. The users may be replaced while the
/// host runs (<see cref="Replace"/>, on a configuration change); each user's <see cref="StampOf"/>
/// changes with anything that bears on their rights, and sessions opened under another stamp end.
/// </summary>
public sealed class UserDirectory
{
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);
    private FrozenDictionary<string, (UserDefinition User, string Stamp)> _users;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recent = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public UserDirectory(IEnumerable<UserDefinition> users, TimeProvider time)
    {
        _time = time;
        _users = Validate(users);
    }

    public int Count => _users.Count;

    /// <summary>Each user's <see cref="StampOf"/> (disabled users too), to tell what a replacement changed.</summary>
    public IReadOnlyDictionary<string, string> Stamps => _users.ToDictionary(u => u.Key, u => u.Value.Stamp, StringComparer.Ordinal);

    /// <summary>Takes a new set of users and tells what changed; throws, keeping the current ones, when it is not valid.</summary>
    public UserChanges Replace(IEnumerable<UserDefinition> users)
    {
        var before = Stamps;
        _users = Validate(users);
        _recent.Clear();
        return UserChanges.Between(before, Stamps);
    }

    /// <summary>
    /// A value that changes whenever the user's password, roles, parks or state change; null for a
    /// user that is not configured or is disabled.
    /// </summary>
    public string? StampOf(string name) =>
        _users.TryGetValue(name, out var entry) && !entry.User.Disabled ? entry.Stamp : null;

    private static FrozenDictionary<string, (UserDefinition User, string Stamp)> Validate(IEnumerable<UserDefinition> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var list = users.ToList();
        var errors = new List<string>();
        foreach (var (user, index) in list.Select((u, i) => (u, i)))
        {
            if (!Identifier.IsValid(user.Name))
            {
                errors.Add($"Security:Users:{index}: the name '{user.Name}' is not a valid identifier (letters, digits, _ . -; up to 64).");
            }

            if (!PasswordHash.IsWellFormed(user.PasswordHash))
            {
                errors.Add($"Security:Users:{index} ({user.Name}): PasswordHash is not a hash made by 'EnvMonitoring.Cloud hash-password'.");
            }

            if (user.Roles.Count == 0 || user.Roles.Any(r => !Roles.All.Contains(r)))
            {
                errors.Add($"Security:Users:{index} ({user.Name}): roles must be some of {string.Join(", ", Roles.All)}.");
            }

            if (user.Parks.FirstOrDefault(p => !Identifier.IsValid(p)) is { } park)
            {
                errors.Add($"Security:Users:{index} ({user.Name}): the park '{park}' is not a valid identifier (letters, digits, _ . -; up to 64).");
            }
        }

        if (list.GroupBy(u => u.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add($"Security:Users: '{twice.Key}' is configured twice.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        }

        return list.ToFrozenDictionary(u => u.Name, u => (u, Stamp(u)), StringComparer.Ordinal);
    }

    /// <summary>
    /// Parks enter as <c>park:X</c> (never taken for a role) and only when there are any, so the
    /// stamps of all-parks users, and their sessions, stay what they were before parks existed.
    /// </summary>
    private static string Stamp(UserDefinition user) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join("\n", [user.Name, user.PasswordHash, user.Disabled ? "disabled" : "enabled", .. user.Roles.Order(StringComparer.Ordinal),
            .. user.Parks.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(p => "park:" + p)]))))[..16];

    /// <summary>The user's principal when the password is right; null otherwise (unknown users cost the same time).</summary>
    public ClaimsPrincipal? SignIn(string? name, string? password, string scheme)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password) || name.Length > 64 || password.Length > 1024)
        {
            return null;
        }

        if (!_users.TryGetValue(name, out var entry) || entry.User.Disabled)
        {
            // Same work as a real check, so the response time does not tell which names exist.
            PasswordHash.VerifyOrDummy(password, null);
            return null;
        }

        var user = entry.User;

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + password + "\n" + user.PasswordHash)));
        var now = _time.GetUtcNow();
        if (!(_recent.TryGetValue(key, out var until) && until > now))
        {
            if (!PasswordHash.Verify(password, user.PasswordHash))
            {
                return null;
            }

            if (_recent.Count > 10_000)
            {
                _recent.Clear();
            }

            _recent[key] = now + RememberFor;
        }

        return Principal(user, scheme);
    }

    public static ClaimsPrincipal Principal(UserDefinition user, string scheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim> { new(ClaimTypes.Name, user.Name), new("display_name", user.DisplayName ?? user.Name) };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(user.Parks.Distinct(StringComparer.Ordinal).Select(p => new Claim(ParkScope.ClaimType, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
