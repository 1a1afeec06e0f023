using System.Text.Json;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Testing.Logging;

namespace EnvMonitoring.Cloud.Tests.Security;

/// <summary>Issue 14, item 8: the demo's passwords live in a file only its owner reads, never in a log.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DemoCredentialsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("envmon-demo-");

    [Fact]
    public void The_passwords_go_to_a_0600_file_and_the_log_names_the_file_not_the_passwords()
    {
        var path = Path.Combine(_directory.FullName, "demo-credentials.json");
        using var log = new TestLog().ExpectEvent("DemoUsers", "the demo users are announced");

        var users = DemoCredentials.LoadOrCreate(path, log.CreateLogger("EnvMonitoring.Cloud.Security"));

        var passwords = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!;
        Assert.Equal(Roles.All.Order(), passwords.Keys.Order());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(Roles.All.Count, users.Count);
        var logged = string.Join("\n", log.Entries.Select(e => e.Message));
        Assert.Contains(path, logged, StringComparison.Ordinal);
        Assert.All(passwords.Values, password => Assert.DoesNotContain(password, logged, StringComparison.Ordinal));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
