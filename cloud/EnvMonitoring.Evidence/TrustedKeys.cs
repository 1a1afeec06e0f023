using System.Text.Json;
using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Evidence;

/// <summary>
/// The public keys a verifier trusts: PEM files it was given, and the keys the centre publishes at a
/// URL (<c>GET /api/seals/keys</c>: a JSON array of objects with <c>id</c> and <c>publicKey</c>).
/// </summary>
public static class TrustedKeys
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    public static async Task<SealKeys> LoadAsync(IReadOnlyList<string> pemFiles, IReadOnlyList<Uri> urls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pemFiles);
        ArgumentNullException.ThrowIfNull(urls);
        var keys = new SealKeys();
        foreach (var file in pemFiles)
        {
            keys.AddPem(await File.ReadAllTextAsync(file, cancellationToken));
        }

        if (urls.Count == 0)
        {
            return keys;
        }

        using var http = new HttpClient { Timeout = FetchTimeout };
        foreach (var url in urls)
        {
            using var published = JsonDocument.Parse(await http.GetStringAsync(url, cancellationToken));
            if (published.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{url} did not answer a list of keys.");
            }

            foreach (var key in published.RootElement.EnumerateArray())
            {
                var id = keys.AddPem(key.GetProperty("publicKey").GetString() ?? "");
                if (key.TryGetProperty("id", out var stated) && stated.GetString() != id)
                {
                    throw new InvalidDataException($"{url} lists key {stated.GetString()} whose public key has id {id}.");
                }
            }
        }

        return keys;
    }
}
