using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace EnvMonitoring.Testing;

/// <summary>A user of a private <see cref="InfluxServer"/> and its random password (never logged).</summary>
public sealed record InfluxCredential(string Username, string Password)
{
    /// <summary>The <c>Authorization: Basic</c> header influxd accepts for this user.</summary>
    public AuthenticationHeaderValue BasicHeader =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));

    /// <summary>A user with a fresh random password (hex, so it needs no escaping in InfluxQL).</summary>
    internal static InfluxCredential Random(string username) =>
        new(username, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    /// <inheritdoc/>
    public override string ToString() => $"{Username} (password hidden)";
}
