using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using EnvMonitoring.Evidence;
using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>What an attacker would do to an evidence ZIP: change a file, fix its manifest entry, and sign the manifest again (or not).</summary>
internal static class EvidenceZip
{
    /// <summary>
    /// A copy of <paramref name="zip"/> with <paramref name="path"/> changed and its size and SHA-256
    /// updated in the manifest; signed again by <paramref name="signer"/> (naming it, and enclosing its
    /// public key), or keeping the old signature when null.
    /// </summary>
    public static byte[] Rewrite(byte[] zip, string path, Func<byte[], byte[]> change, ECDsa? signer)
    {
        using var source = new ZipArchive(new MemoryStream(zip));
        var changed = change(Read(source, path));
        var manifest = JsonSerializer.Deserialize<EvidenceManifest>(Read(source, EvidenceManifest.FileName), EvidenceManifest.JsonOptions)!;
        manifest = manifest with
        {
            Files = [.. manifest.Files.Select(f => f.Path == path ? f with { Bytes = changed.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(changed)) } : f)],
            KeyId = signer is null ? manifest.KeyId : SealKeys.IdOf(signer),
        };
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, EvidenceManifest.JsonOptions);
        var replaced = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [path] = changed, [EvidenceManifest.FileName] = manifestBytes };
        if (signer is not null)
        {
            replaced[EvidenceManifest.SignatureFile] = signer.SignData(manifestBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            replaced[EvidenceManifest.PublicKeyFile] = System.Text.Encoding.ASCII.GetBytes(signer.ExportSubjectPublicKeyInfoPem());
        }

        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var stream = target.CreateEntry(entry.FullName).Open();
                stream.Write(replaced.GetValueOrDefault(entry.FullName) ?? Read(source, entry.FullName));
            }
        }

        return output.ToArray();
    }

    public static byte[] Read(ZipArchive archive, string name)
    {
        using var stream = (archive.GetEntry(name) ?? throw new InvalidOperationException($"no {name} in the ZIP")).Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
