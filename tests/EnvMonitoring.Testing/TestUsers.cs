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
    public static IEnumerable<KeyValuePair<string, string>> Settings(string separator = ":") =>
        All.SelectMany((user, i) => user.Settings(i, separator));
}

/// <summary>
/// A user of the tests, with its password and a hash made once per test run; <see cref="Parks"/>
/// empty: every park. <see cref="Role"/> is the first of <see cref="Roles"/>.
/// </summary>
public sealed class TestUser(string name, string password, IReadOnlyList<string> roles, IReadOnlyList<string> parks)
{
    private readonly Lazy<string> _hash = new(() => Protocol.Security.PasswordHash.Create(password));

    public TestUser(string name, string password, string role)
        : this(name, password, [role], [])
    {
    }

    public string Name { get; } = name;

    public string Password { get; } = password;

    public string Role => Roles[0];

    public IReadOnlyList<string> Roles { get; } = roles;

    public IReadOnlyList<string> Parks { get; } = parks;

    /// <summary>This user's entries as <c>Security:Users:{index}</c>; <paramref name="separator"/> is ":" for settings, "__" for environment variables.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings(int index, string separator = ":")
    {
        var prefix = $"Security{separator}Users{separator}{index}{separator}";
        yield return new(prefix + "Name", Name);
        yield return new(prefix + "PasswordHash", PasswordHash);
        for (var i = 0; i < Roles.Count; i++)
        {
            yield return new(prefix + $"Roles{separator}{i}", Roles[i]);
        }

        for (var i = 0; i < Parks.Count; i++)
        {
            yield return new(prefix + $"Parks{separator}{i}", Parks[i]);
        }
    }

    public string PasswordHash => _hash.Value;

    public AuthenticationHeaderValue BasicHeader => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Name}:{Password}")));

    public override string ToString() => Name;
}
