using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// The users the settings give: <c>Security:Users</c>, or else the local demo's one user per role
/// (<see cref="SecurityOptions.DemoCredentialsFile"/>, read once: fixed while the host runs), or
/// none. The host starts with them and seeds the configuration store from them; the store's users
/// are the ones in force after that.
/// </summary>
internal sealed class ConfiguredUsers(IOptionsMonitor<SecurityOptions> options, ILoggerFactory loggers)
{
    private readonly Lock _loading = new();
    private (List<UserDefinition> Users, string Fingerprint)? _demo;

    /// <summary>
    /// The users the settings say now. <c>DemoFingerprint</c> is set for the demo's users, whose
    /// password hashes get a fresh salt at every read: it stands for their passwords file instead.
    /// </summary>
    public (IReadOnlyList<UserDefinition> Users, string? DemoFingerprint) Current()
    {
        var settings = options.CurrentValue;
        if (settings.Users.Count > 0 || string.IsNullOrEmpty(settings.DemoCredentialsFile))
        {
            return (settings.Users, null);
        }

        lock (_loading)
        {
            if (_demo is null)
            {
                var users = DemoCredentials.LoadOrCreate(settings.DemoCredentialsFile, loggers.CreateLogger("EnvMonitoring.Cloud.Security"));
                _demo = (users, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(settings.DemoCredentialsFile))));
            }

            return _demo.Value;
        }
    }
}
