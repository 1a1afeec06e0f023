namespace EnvMonitoring.Cloud.Seals;

/// <summary>
/// <c>EnvMonitoring.Cloud seal-keys rotate|list --dir FOLDER</c> (<c>./envmon seal-keys</c>): makes a new
/// signing key, which the running host signs with from its next seal on (the old public key stays
/// published, so older seals keep verifying), or lists the keys' ids.
/// </summary>
public static class SealKeysCommand
{
    public const string Name = "seal-keys";

    public const string Usage = "usage: seal-keys rotate|list --dir FOLDER   (FOLDER: the host's Seals:KeyDirectory)";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (args is not [("rotate" or "list") and var verb, "--dir", var directory])
        {
            (args.Any(a => a is "-h" or "--help") ? output : errors).WriteLine(Usage);
            return args.Any(a => a is "-h" or "--help") ? 0 : 2;
        }

        if (verb == "rotate")
        {
            var id = SealingKeys.Create(directory, DateTimeOffset.UtcNow);
            output.WriteLine($"new seal key {id} in {Path.GetFullPath(directory)}: the host signs with it from its next seal; publish its public key (GET /api/seals/keys lists it).");
            return 0;
        }

        foreach (var path in Directory.Exists(directory) ? Directory.GetFiles(directory, "seal-*.pub.pem").Order(StringComparer.Ordinal).ToArray() : [])
        {
            var key = PublishedKey.Read(path);
            output.WriteLine($"{key.Id}  {key.CreatedAt:O}  {(File.Exists(path.Replace(".pub.pem", ".key.pem", StringComparison.Ordinal)) ? "private key present" : "public only (retired)")}");
        }

        return 0;
    }
}
