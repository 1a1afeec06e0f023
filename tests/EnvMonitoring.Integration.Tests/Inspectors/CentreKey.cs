using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Hosts;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>The centre's public key as an inspector gets it: <c>GET /api/seals/keys</c>, anonymously, saved as PEM.</summary>
internal static class CentreKey
{
    /// <summary>Saves the newest published key in <paramref name="folder"/>; returns the file's path.</summary>
    public static async Task<string> SaveAsync(CloudHost cloud, string folder)
    {
        using var anonymous = cloud.ClientFor(null);
        var keys = await anonymous.GetFromJsonAsync<JsonElement>(new Uri("/api/seals/keys", UriKind.Relative));
        var path = Path.Combine(folder, "centre.pem");
        await File.WriteAllTextAsync(path, keys[0].GetProperty("publicKey").GetString());
        return path;
    }
}
