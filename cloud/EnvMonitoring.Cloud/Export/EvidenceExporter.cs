using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Cloud.Annotations;
using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Cloud.History;
using EnvMonitoring.Cloud.Reports;
using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Evidence;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;

using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Export;

/// <summary>
/// Writes an evidence ZIP into a stream, entry by entry (nothing is held whole in memory): one raw
/// CSV per parameter (<c>raw/{station}_{code}.csv</c>: time, value, device status), the compliance
/// report (<c>report/compliance.json</c>, <c>.html</c>, <c>means.csv</c>, <c>summary.csv</c>) when
/// the station is registered, the audit log's entries about the station (<c>audit/{station}.json</c>:
/// who acknowledged, resolved, reported and exported what), the station's annotations that touch the
/// period in every state (<c>annotations/{station}.json</c>, docs/annotations.md), each local day's
/// seals and sealed records (<see cref="SealedDays"/>), and last <c>manifest.json</c> with each file's
/// size, SHA-256 and query, who exported it and when (docs/inspectors.md), its signature
/// <c>manifest.sig</c> and the signer's <c>public-key.pem</c>. A finished export is itself audited,
/// with the manifest's SHA-256.
/// </summary>
internal sealed class EvidenceExporter(
    HistoryWriter history, RawSampleReader raw, StoredStations stored, StationRegistry stations, ComplianceReportBuilder reports,
    SealedDays sealedDays, AuditLog audit, AnnotationBook annotations, InfluxClient influx, SampleCodec codec, TimeProvider time, IOptions<ReportOptions> reportOptions)
{
    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The SHA-256 (lower-case hex) of the manifest as the ZIP holds it.</summary>
    public static string HashOf(EvidenceManifest manifest) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(manifest, EvidenceManifest.JsonOptions)));

    /// <summary>
    /// Writes the ZIP for <paramref name="user"/> (asking from <paramref name="source"/>);
    /// <paramref name="progress"/> gets the share done (0-1). Returns the manifest.
    /// </summary>
    public async Task<EvidenceManifest> WriteAsync(
        Stream output, ExportRequest request, string user, IPAddress? source, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var exportedAt = time.GetUtcNow().ToOffset(ProvinceTime.Offset);
        var registered = stations.TryGet(request.Station, out var station) ? station : null;
        var parameters = request.Parameters
            ?? (registered?.Profile.Monitored is { Count: > 0 } monitored ? monitored.ToList() : await stored.ParametersAsync(codec.Catalog, cancellationToken));
        var park = registered?.Park ?? (await stored.ListAsync(cancellationToken)).Where(s => s.Station == request.Station).Select(s => s.Park).FirstOrDefault();
        var files = new List<EvidenceFile>();
        var notes = new List<string>
        {
            "Raw CSVs hold every stored reading with its Circular 10/2021 device status (0 measuring, 1 calibrating, 2 fault); only status 0 with a plausible value counts toward compliance.",
            "Times are RFC 3339 in Asia/Ho_Chi_Minh (+07:00); values are in the parameter catalog's canonical units.",
        };
        var steps = parameters.Count + 1.0;
        var body = new AsyncOnlyStream(output);
        EvidenceManifest manifest;
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            for (var p = 0; p < parameters.Count; p++)
            {
                var parameter = parameters[p];
                var query = new HistoryQuery(request.Station, [parameter], request.From, request.To, HistoryWindow.Raw, HistoryFunctions.None, Csv: true);
                var done = p;
                var share = new Progress<DateTimeOffset>(t => progress?.Report((done + Math.Clamp((t - request.From) / (request.To - request.From), 0, 1)) / steps));
                long rows = 0;
                var file = await EntryAsync(zip, $"raw/{request.Station}_{parameter.Code}.csv",
                    RawSampleReader.Query(request.Station, [parameter], request.From, request.To),
                    async s => rows = await history.WriteAsync(s, query, share, cancellationToken), cancellationToken);
                files.Add(file with { Rows = rows, Note = raw.SlicingNote });
                progress?.Report((p + 1) / steps);
            }

            if (registered is not null)
            {
                var report = await reports.BuildAsync(registered, ProvinceTime.StartOfDay(request.From), ProvinceTime.CeilingOfDay(request.To), user, cancellationToken);
                var provenance = $"GET /api/reports/compliance?station={request.Station}&from={report.From:O}&to={report.To:O} -- {string.Join(" ; ", report.Queries)}";
                files.Add(await TextEntryAsync(zip, "report/compliance.json", provenance, JsonSerializer.Serialize(report, ReportJson.Options), cancellationToken));
                files.Add(await TextEntryAsync(zip, "report/compliance.html", provenance + "&format=html", ReportHtml.Render(ReportsApi.Document(report, ReportLanguage.Vi, ReportDigest.Of(report), reportOptions.Value)), cancellationToken));
                files.Add(await TextEntryAsync(zip, "report/means.csv", provenance + "&format=csv&table=means", ReportCsv.Means(report), cancellationToken));
                files.Add(await TextEntryAsync(zip, "report/summary.csv", provenance + "&format=csv&table=summary", ReportCsv.Summary(report), cancellationToken));
            }
            else
            {
                notes.Add($"No compliance report: station {request.Station} is not registered, so its limits are unknown.");
            }

            var annotated = await annotations.FindAsync(a => a.Station == request.Station && a.Overlaps(request.From, request.To), cancellationToken);
            files.Add(await TextEntryAsync(zip, $"annotations/{request.Station}.json", $"GET /api/annotations?station={request.Station}&from={request.From:O}&to={request.To:O}",
                JsonSerializer.Serialize(annotated.Select(AnnotationView.Of).ToList(), AuditJson), cancellationToken));
            notes.Add("annotations/ holds every annotation of the station that touches the period, in every state, with who proposed and decided it and when; only approved ones change the report's annotated figures, never the raw data.");

            var entries = await audit.ForStationAsync(request.Station, cancellationToken);
            files.Add(await TextEntryAsync(zip, $"audit/{request.Station}.json", $"GET /api/audit?station={request.Station} (every entry, oldest first)",
                JsonSerializer.Serialize(entries, AuditJson), cancellationToken));
            notes.Add("audit/ holds every audit-log entry about the station up to this export (acknowledgements, resolutions, reports, earlier exports); this export is recorded after it.");

            var days = await sealedDays.WriteAsync(zip, request.Station, request.From, request.To, files, cancellationToken);
            notes.Add("seals/{day}/ holds each local day's seal versions as signed (openssl dgst -sha256 -verify key.pem -signature v1.sig v1.json); sealed/{day}.tsv the day's readings and alert events as stored, whole, in the seals' canonical records (docs/evidence.md); verify-export checks them against each other.");

            manifest = new EvidenceManifest
            {
                Station = request.Station,
                Park = park,
                ParkName = registered?.Place.ParkName,
                StationName = registered?.Name,
                Facility = registered?.Place.Facility,
                Permit = registered?.Place.Permit,
                From = request.From.ToOffset(ProvinceTime.Offset),
                To = request.To.ToOffset(ProvinceTime.Offset),
                Parameters = parameters.Select(x => x.Code).ToList(),
                ExportedBy = user,
                ExportedAt = exportedAt,
                Source = $"EnvMonitoring.Cloud {typeof(EvidenceExporter).Assembly.GetName().Version}, InfluxDB database '{influx.Database}'",
                Files = files,
                Notes = notes,
                SealedDays = days,
            };
            (manifest, var bytes, var signature, var publicKey) = sealedDays.Sign(manifest);
            await EntryAsync(zip, EvidenceManifest.FileName, "", s => s.WriteAsync(bytes, cancellationToken).AsTask(), cancellationToken);
            await EntryAsync(zip, EvidenceManifest.SignatureFile, "", s => s.WriteAsync(signature, cancellationToken).AsTask(), cancellationToken);
            await TextEntryAsync(zip, EvidenceManifest.PublicKeyFile, "", publicKey, cancellationToken);
        }

        // The central directory was written on disposal, synchronously: send it.
        await body.FlushAsync(cancellationToken);
        audit.Record(AuditAction.Export, user, source, park, request.Station, HashOf(manifest),
            $"{request.From:O}/{request.To:O}; {string.Join(",", manifest.Parameters)}; {files.Count} files");
        progress?.Report(1);
        return manifest;
    }

    /// <summary>Writes one entry through <paramref name="write"/>; its size and SHA-256 as the manifest lists them.</summary>
    internal static async Task<EvidenceFile> EntryAsync(ZipArchive zip, string path, string query, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await using var hashing = new HashingStream(stream);
        await write(hashing);
        return new EvidenceFile(path, hashing.Bytes, hashing.Sha256(), query);
    }

    private static Task<EvidenceFile> TextEntryAsync(ZipArchive zip, string path, string query, string text, CancellationToken cancellationToken) =>
        EntryAsync(zip, path, query, s => s.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).AsTask(), cancellationToken);
}
