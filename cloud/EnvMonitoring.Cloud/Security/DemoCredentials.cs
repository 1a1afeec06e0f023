using System.Security.Cryptography;
using System.Text.Json;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// The local demo's users: one per role, named after it, with random passwords kept in a file of
/// the data folder (never in the repository) so they survive restarts and can be printed.
/// </summary>
internal static class DemoCredentials
{
    public static List<UserDefinition> LoadOrCreate(string path, ILogger logger)
    {
        Dictionary<string, string>? passwords = null;
        if (File.Exists(path))
        {
            passwords = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
        }

        if (passwords is null || Roles.All.Any(r => !passwords.ContainsKey(r)))
        {
            passwords = Roles.All.ToDictionary(r => r, _ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, JsonSerializer.Serialize(passwords, new JsonSerializerOptions { WriteIndented = true }));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        SecurityLog.DemoUsers(logger, string.Join(", ", Roles.All), Path.GetFullPath(path));

        return Roles.All.Select(role => new UserDefinition
        {
            Name = role,
            DisplayName = $"Demo {role}",
            PasswordHash = PasswordHash.Create(passwords[role]),
            Roles = [role],
        }).ToList();
    }
}
