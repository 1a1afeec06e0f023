using EnvMonitoring.Evidence;

// envmon verify-export FILE.zip [--public-key PEM]… [--keys-url URL]…
// → exit 0 intact, 1 not intact, 2 unreadable or usage, 3 integrity only (no trusted key, or unsigned format 1).
const string Usage = "usage: EnvMonitoring.Evidence verify <export.zip> [--public-key <key.pem>]... [--keys-url <https://host/api/seals/keys>]...";
if (args is not ["verify", var path, .. var options] || options.Length % 2 != 0)
{
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}

var pemFiles = new List<string>();
var urls = new List<Uri>();
for (var i = 0; i < options.Length; i += 2)
{
    switch (options[i])
    {
        case "--public-key": pemFiles.Add(options[i + 1]); break;
        case "--keys-url" when Uri.TryCreate(options[i + 1], UriKind.Absolute, out var url): urls.Add(url); break;
        default:
            await Console.Error.WriteLineAsync(Usage);
            return 2;
    }
}

try
{
    var trusted = await TrustedKeys.LoadAsync(pemFiles, urls, CancellationToken.None);
    await using var zip = File.OpenRead(path);
    var report = await ExportVerifier.VerifyAsync(zip, trusted);
    VerificationText.Write(Console.Out, report);
    return (int)report.Outcome;
}
catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException
    or HttpRequestException or TaskCanceledException or System.Security.Cryptography.CryptographicException or ArgumentException or KeyNotFoundException
    or FormatException or InvalidOperationException)
{
    await Console.Error.WriteLineAsync($"cannot verify {path}: {e.Message}");
    return 2;
}
