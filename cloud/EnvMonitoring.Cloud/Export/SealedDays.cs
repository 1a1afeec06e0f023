using System.IO.Compression;
using EnvMonitoring.Cloud.Seals;
using EnvMonitoring.Evidence;
using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Export;

/// <summary>
/// What makes an export prove itself (docs/evidence.md, "Signed exports"): for each local day the
/// export touches, its seal versions exactly as stored (<c>seals/{day}/v{n}.json</c> and the DER
/// <c>.sig</c>) and its readings and alert events as stored now, in the seals' canonical records
/// (<c>sealed/{day}.tsv</c>, whole days, every parameter: a seal covers the whole station-day); and
/// the manifest signed with the centre's current key.
/// </summary>
internal sealed class SealedDays(SealStore store, DayReader reader, SealingKeys keys, TimeProvider time)
{
    /// <summary>Writes each day's seals and records into <paramref name="zip"/>, adding them to <paramref name="files"/>; returns the days (yyyy-MM-dd).</summary>
    public async Task<List<string>> WriteAsync(
        ZipArchive zip, string station, DateTimeOffset from, DateTimeOffset to, List<EvidenceFile> files, CancellationToken cancellationToken)
    {
        var first = ProvinceTime.DayOf(from);
        var last = ProvinceTime.DayOf(to.AddTicks(-1));
        var today = ProvinceTime.DayOf(time.GetUtcNow());
        if (last > today)
        {
            last = today;
        }

        var days = new List<string>();
        if (last < first)
        {
            return days;
        }

        var seals = await store.MadeAsync(station, first, last, cancellationToken);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var text = ProvinceTime.DayText(day);
            var query = $"GET /api/seals?station={station}&day={text}";
            foreach (var seal in (seals.GetValueOrDefault(day) ?? []).OrderBy(s => s.Parsed.Version))
            {
                var version = seal.Parsed.Version;
                files.Add(await EvidenceExporter.EntryAsync(zip, EvidenceManifest.SealPath(text, version, "json"), query,
                    s => s.WriteAsync(seal.Document, cancellationToken).AsTask(), cancellationToken));
                files.Add(await EvidenceExporter.EntryAsync(zip, EvidenceManifest.SealPath(text, version, "sig"), query + " (signature, DER)",
                    s => s.WriteAsync(seal.Signature, cancellationToken).AsTask(), cancellationToken));
            }

            var stored = await reader.ReadAsync(station, day, cancellationToken);
            var records = await EvidenceExporter.EntryAsync(zip, EvidenceManifest.RecordsPath(text),
                $"every sample and alert event of {station} stored for local day {text}, as the seals' canonical records",
                s => SealRecords.WriteAsync(s, station, stored, cancellationToken), cancellationToken);
            files.Add(records with { Rows = stored.Count });
            days.Add(text);
        }

        return days;
    }

    /// <summary>
    /// The manifest as signed (naming the key), its exact bytes, the DER signature over them, and the
    /// signer's public key (PEM).
    /// </summary>
    public (EvidenceManifest Manifest, byte[] Bytes, byte[] Signature, string PublicKey) Sign(EvidenceManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var signed = manifest;
        byte[] bytes = [];
        var (signature, keyId) = keys.Sign(id =>
        {
            signed = manifest with { KeyId = id };
            return bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(signed, EvidenceManifest.JsonOptions);
        });
        return (signed, bytes, signature, keys.Published().Single(k => k.Id == keyId).PublicKey);
    }
}
