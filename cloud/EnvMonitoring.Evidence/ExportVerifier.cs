using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace EnvMonitoring.Evidence;

/// <summary>
/// Checks an evidence ZIP against its manifest: every listed file present with the listed size and
/// SHA-256, and no file that the manifest does not list.
/// </summary>
public static class ExportVerifier
{
    public static async Task<VerificationReport> VerifyAsync(Stream zip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        await using var archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var manifestEntry = archive.GetEntry(EvidenceManifest.FileName)
            ?? throw new InvalidDataException($"The ZIP has no {EvidenceManifest.FileName}.");
        EvidenceManifest manifest;
        await using (var stream = await manifestEntry.OpenAsync(cancellationToken))
        {
            manifest = await JsonSerializer.DeserializeAsync<EvidenceManifest>(stream, EvidenceManifest.JsonOptions, cancellationToken)
                ?? throw new InvalidDataException($"{EvidenceManifest.FileName} is empty.");
        }

        if (manifest.Format != EvidenceManifest.CurrentFormat)
        {
            throw new InvalidDataException($"Unknown manifest format '{manifest.Format}' (this verifier reads {EvidenceManifest.CurrentFormat}).");
        }

        var results = new List<FileCheck>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            listed.Add(file.Path);
            var entry = archive.GetEntry(file.Path);
            if (entry is null)
            {
                results.Add(new FileCheck(file.Path, FileState.Missing, "listed in the manifest, absent from the ZIP"));
                continue;
            }

            var (bytes, sha) = await HashAsync(entry, cancellationToken);
            results.Add(bytes == file.Bytes && string.Equals(sha, file.Sha256, StringComparison.OrdinalIgnoreCase)
                ? new FileCheck(file.Path, FileState.Ok, $"{bytes} bytes, sha256 {sha}")
                : new FileCheck(file.Path, FileState.Tampered, $"manifest: {file.Bytes} bytes, sha256 {file.Sha256}; ZIP: {bytes} bytes, sha256 {sha}"));
        }

        foreach (var entry in archive.Entries)
        {
            if (entry.FullName != EvidenceManifest.FileName && !entry.FullName.EndsWith('/') && !listed.Contains(entry.FullName))
            {
                results.Add(new FileCheck(entry.FullName, FileState.Extra, "in the ZIP, not listed in the manifest"));
            }
        }

        return new VerificationReport(manifest, results);
    }

    private static async Task<(long Bytes, string Sha256)> HashAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var stream = await entry.OpenAsync(cancellationToken);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            total += read;
        }

        return (total, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}

public enum FileState
{
    Ok,
    Tampered,
    Missing,
    Extra,
}

public sealed record FileCheck(string Path, FileState State, string Detail);

public sealed record VerificationReport(EvidenceManifest Manifest, IReadOnlyList<FileCheck> Files)
{
    public bool Intact => Files.All(f => f.State == FileState.Ok);
}
