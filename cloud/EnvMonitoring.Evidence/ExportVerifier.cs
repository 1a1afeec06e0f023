using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Evidence;

/// <summary>
/// Checks an evidence ZIP without asking the centre (docs/evidence.md, "Signed exports"): the
/// manifest's signature against the trusted keys, every listed file present with the listed size and
/// SHA-256 and no file unlisted, and each exported day's sealed records against its seals
/// (<see cref="SealCheck"/>). With no trusted key it checks against the key the ZIP encloses, which
/// proves consistency, not who made it.
/// </summary>
public static class ExportVerifier
{
    public static async Task<VerificationReport> VerifyAsync(Stream zip, SealKeys? trusted = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        await using var archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var manifestBytes = await ReadAsync(archive, EvidenceManifest.FileName, cancellationToken)
            ?? throw new InvalidDataException($"The ZIP has no {EvidenceManifest.FileName}.");
        var manifest = JsonSerializer.Deserialize<EvidenceManifest>(manifestBytes, EvidenceManifest.JsonOptions)
            ?? throw new InvalidDataException($"{EvidenceManifest.FileName} is empty.");
        if (manifest.Format is not (EvidenceManifest.CurrentFormat or EvidenceManifest.UnsignedFormat))
        {
            throw new InvalidDataException($"Unknown manifest format '{manifest.Format}' (this verifier reads {EvidenceManifest.UnsignedFormat} and {EvidenceManifest.CurrentFormat}).");
        }

        var keys = trusted is { Ids.Count: > 0 } ? trusted : await EnclosedKeyAsync(archive, cancellationToken);
        var signature = manifest.Format == EvidenceManifest.UnsignedFormat
            ? new SignatureVerdict(SignatureState.Unsigned, null, $"unsigned ({manifest.Format}): the files match the manifest at best; nothing shows who made it")
            : SignatureVerdict.Of(manifest.KeyId, manifestBytes, await ReadAsync(archive, EvidenceManifest.SignatureFile, cancellationToken), keys, keys != trusted);
        var files = await CheckFilesAsync(archive, manifest, cancellationToken);
        var days = new List<DayIntegrity>();
        foreach (var text in manifest.SealedDays ?? [])
        {
            days.Add(await CheckDayAsync(archive, manifest, text, keys, cancellationToken));
        }

        return new VerificationReport(manifest, files, signature, days);
    }

    private static async Task<List<FileCheck>> CheckFilesAsync(ZipArchive archive, EvidenceManifest manifest, CancellationToken cancellationToken)
    {
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

        // The signature and the enclosed key cannot be listed in what the signature covers.
        string[] outside = manifest.Format == EvidenceManifest.UnsignedFormat
            ? [EvidenceManifest.FileName]
            : [EvidenceManifest.FileName, EvidenceManifest.SignatureFile, EvidenceManifest.PublicKeyFile];
        foreach (var entry in archive.Entries)
        {
            if (!outside.Contains(entry.FullName) && !entry.FullName.EndsWith('/') && !listed.Contains(entry.FullName))
            {
                results.Add(new FileCheck(entry.FullName, FileState.Extra, "in the ZIP, not listed in the manifest"));
            }
        }

        return results;
    }

    /// <summary>A day's sealed records against the seal versions the manifest lists for it.</summary>
    private static async Task<DayIntegrity> CheckDayAsync(ZipArchive archive, EvidenceManifest manifest, string text, SealKeys keys, CancellationToken cancellationToken)
    {
        var day = EnvMonitoring.Protocol.Time.ProvinceTime.TryParseDay(text, out var parsed) ? parsed : throw new InvalidDataException($"Not a day: {text}.");
        var seals = new List<SignedSeal>();
        var prefix = $"seals/{text}/";
        foreach (var path in manifest.Files.Select(f => f.Path).Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.EndsWith(".json", StringComparison.Ordinal)))
        {
            // A missing version (the file check names it) breaks the chain; a missing signature does not verify.
            if (await ReadAsync(archive, path, cancellationToken) is { } document)
            {
                seals.Add(new SignedSeal(document, await ReadAsync(archive, Path.ChangeExtension(path, ".sig"), cancellationToken) ?? []));
            }
        }

        if (archive.GetEntry(EvidenceManifest.RecordsPath(text)) is not { } records)
        {
            return new DayIntegrity(manifest.Station, day, DayVerdict.Tampered, [.. seals.Select(s => s.Id)], 0, 0, 0,
                [new SealFinding(FindingKind.Deleted, null, null, null, $"the day's sealed records ({EvidenceManifest.RecordsPath(text)}) are not in the ZIP")]);
        }

        List<StoredItem> stored;
        await using (var stream = await records.OpenAsync(cancellationToken))
        {
            stored = await SealRecords.ReadAsync(stream, manifest.Station, cancellationToken);
        }

        return SealCheck.Verify(manifest.Station, day, seals, keys, stored, SealCheck.AwaitingUnlessClosed(seals));
    }

    /// <summary>The key the ZIP encloses, for a check of consistency when no trusted key is given; none when absent.</summary>
    private static async Task<SealKeys> EnclosedKeyAsync(ZipArchive archive, CancellationToken cancellationToken)
    {
        var keys = new SealKeys();
        if (await ReadAsync(archive, EvidenceManifest.PublicKeyFile, cancellationToken) is { } pem)
        {
            keys.AddPem(System.Text.Encoding.ASCII.GetString(pem));
        }

        return keys;
    }

    private static async Task<byte[]?> ReadAsync(ZipArchive archive, string path, CancellationToken cancellationToken)
    {
        if (archive.GetEntry(path) is not { } entry)
        {
            return null;
        }

        await using var stream = await entry.OpenAsync(cancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
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
