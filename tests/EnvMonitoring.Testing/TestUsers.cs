using System.Net.Http.Headers;
using System.Text;

namespace EnvMonitoring.Testing;

/// <summary>One user per role for hosts under test; their settings go into <c>Security:Users</c>.</summary>
public static class TestUsers
{
    public static readonly TestUser Viewer = new("t-viewer", "viewer-secret-1", "viewer");
    public static readonly TestUser Operator = new("t-operator", "operator-secret-1", "operator");
    public static readonly TestUser Inspector = new("t-inspector", "inspector-secret-1", "inspector");
    public static readonly TestUser Admin = new("t-admin", "admin-secret-1", "admin");

    public static IReadOnlyList<TestUser> All { get; } = [Viewer, Operator, Inspector, Admin];

    /// <summary>Configuration entries for every test user; <paramref name="separator"/> is ":" for settings, "__" for environment variables.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings(string separator = ":")
    {
        for (var i = 0; i < All.Count; i++)
        {
            var prefix = $"Security{separator}Users{separator}{i}{separator}";
            yield return new(prefix + "Name", All[i].Name);
            yield return new(prefix + "PasswordHash", All[i].PasswordHash);
            yield return new(prefix + $"Roles{separator}0", All[i].Role);
        }
    }
}

/// <summary>A user of the tests, with its password and a hash made once per test run.</summary>
public sealed class TestUser(string name, string password, string role)
{
    private readonly Lazy<string> _hash = new(() => Protocol.Security.PasswordHash.Create(password));

    public string Name { get; } = name;

    public string Password { get; } = password;

    public string Role { get; } = role;

    public string PasswordHash => _hash.Value;

    public AuthenticationHeaderValue BasicHeader => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Name}:{Password}")));

    public override string ToString() => Name;
}
