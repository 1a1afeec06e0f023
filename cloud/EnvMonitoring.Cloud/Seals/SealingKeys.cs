using System.Globalization;
using System.Security.Cryptography;
using EnvMonitoring.Evidence.Seals;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>
/// The monitoring centre's signing keys (docs/evidence.md, "Keys"): ECDSA P-256 in
/// <see cref="SealsOptions.KeyDirectory"/>, each as <c>seal-{created}-{id}.key.pem</c> (PKCS#8, mode 0600)
/// beside its public <c>.pub.pem</c>. The newest private key signs; a new one is made when there is
/// none, and <c>seal-keys rotate</c> adds one (picked up at the next seal, no restart). Public keys stay
/// published after their private key is retired, so old seals keep verifying. A private key that
/// others could read is refused.
/// </summary>
public sealed class SealingKeys(IOptions<SealsOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<SealingKeys> logger) : IDisposable
{
    private const string PrivateSuffix = ".key.pem";
    private const string PublicSuffix = ".pub.pem";
    private readonly Lock _gate = new();
    private ECDsa? _current;
    private string? _currentFile;

    // The id of the key last signed with (a hash of its public key: not made again for every seal).
    private ECDsa? _idOf;
    private string _id = "";

    /// <summary>The folder's modification time when it was last listed: a rotation adds a file and changes it.</summary>
    private DateTime _listedAt;

    public string Directory { get; } = Path.GetFullPath(options.Value.KeyDirectory, environment.ContentRootPath);

    /// <summary>Signs a seal document with the newest key: the signature (DER) and the key's id.</summary>
    public (byte[] Signature, string KeyId) Sign(Func<string, byte[]> documentForKey)
    {
        ArgumentNullException.ThrowIfNull(documentForKey);
        lock (_gate)
        {
            var key = Current();
            if (!ReferenceEquals(key, _idOf))
            {
                (_idOf, _id) = (key, SealKeys.IdOf(key));
            }

            return (key.SignData(documentForKey(_id), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), _id);
        }
    }

    /// <summary>Every public key of the directory, newest first: what <c>GET /api/seals/keys</c> publishes.</summary>
    public IReadOnlyList<PublishedKey> Published() =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.GetFiles(Directory, "seal-*" + PublicSuffix).Order(StringComparer.Ordinal).Reverse().Select(PublishedKey.Read)]
            : [];

    /// <summary>The published keys as the verifier's trusted set (read again each time: a rotation adds one).</summary>
    public SealKeys Trusted()
    {
        var trusted = new SealKeys();
        foreach (var key in Published())
        {
            trusted.AddPem(key.PublicKey);
        }

        return trusted;
    }

    /// <summary>Makes sure a signing key exists (one is made when there is none) and is private; its id.</summary>
    public string Ensure()
    {
        lock (_gate)
        {
            return SealKeys.IdOf(Current());
        }
    }

    /// <summary>Makes a new signing key in <paramref name="directory"/> (created 0700 when missing); returns its id.</summary>
    public static string Create(string directory, DateTimeOffset now)
    {
        System.IO.Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var id = SealKeys.IdOf(key);
        var stem = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"seal-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{id}"));
        // Written under a temporary name with owner-only permission from the first byte, then renamed.
        var temporary = stem + ".tmp";
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, file))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(stem + PublicSuffix, key.ExportSubjectPublicKeyInfoPem());
        File.Move(temporary, stem + PrivateSuffix);
        return id;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _current?.Dispose();
            _current = null;
        }
    }

    private ECDsa Current()
    {
        var modified = System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetLastWriteTimeUtc(Directory) : default;
        if (_current is not null && modified == _listedAt)
        {
            return _current;
        }

        _listedAt = modified;
        var newest = System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "seal-*" + PrivateSuffix).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (newest is null)
        {
            var id = Create(Directory, time.GetUtcNow());
            SealsLog.KeyCreated(logger, id, Directory);
            return Current();
        }

        if (newest == _currentFile && _current is not null)
        {
            return _current;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(newest) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidOperationException($"The seal key {newest} can be read by others than its owner: make it private (chmod 600) or replace it.");
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(newest));
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidOperationException($"The seal key {newest} is not ECDSA P-256.");
        }

        _current?.Dispose();
        (_current, _currentFile) = (key, newest);
        SealsLog.KeyInUse(logger, SealKeys.IdOf(key), newest);
        return key;
    }
}

/// <summary>A public key as published: its id, when it was made (from its file name), and the PEM.</summary>
public sealed record PublishedKey(string Id, string Algorithm, DateTimeOffset? CreatedAt, string PublicKey)
{
    internal static PublishedKey Read(string path)
    {
        var pem = File.ReadAllText(path);
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        var parts = Path.GetFileName(path).Split('-');
        DateTimeOffset? created = parts.Length >= 3 && DateTimeOffset.TryParseExact(parts[1], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        return new PublishedKey(SealKeys.IdOf(key), SealKeys.Algorithm, created, pem);
    }
}
