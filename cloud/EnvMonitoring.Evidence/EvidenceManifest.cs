using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnvMonitoring.Evidence;

/// <summary>
/// <c>manifest.json</c> of an evidence export (docs/inspectors.md): what was exported, by whom and
/// when, and for every other file of the ZIP its byte size, SHA-256 and the query that produced it.
/// From format 2 it names the key that signed it (<see cref="SignatureFile"/>, docs/evidence.md,
/// "Signed exports") and the local days whose seals and sealed records the ZIP carries.
/// </summary>
public sealed record EvidenceManifest
{
    public const string FileName = "manifest.json";
    public const string CurrentFormat = "envmon-evidence/2";

    /// <summary>The first format: files and hashes, no signature, no seals.</summary>
    public const string UnsignedFormat = "envmon-evidence/1";

    /// <summary>The DER ECDSA signature over <see cref="FileName"/>'s exact bytes; outside the manifest, as a signature cannot list itself.</summary>
    public const string SignatureFile = "manifest.sig";

    /// <summary>The signer's public key, a convenience outside the manifest: trust comes from a key the verifier is given.</summary>
    public const string PublicKeyFile = "public-key.pem";

    public string Format { get; init; } = CurrentFormat;

    public required string Station { get; init; }

    public string? Park { get; init; }

    /// <summary>The park's display name with diacritics, beside its id; absent when the station is not registered.</summary>
    public string? ParkName { get; init; }

    /// <summary>The station's display name, beside its id.</summary>
    public string? StationName { get; init; }

    /// <summary>The facility that discharges at the station, as its permit names it.</summary>
    public string? Facility { get; init; }

    /// <summary>The facility's environmental permit.</summary>
    public string? Permit { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required IReadOnlyList<string> Parameters { get; init; }

    public required string ExportedBy { get; init; }

    public required DateTimeOffset ExportedAt { get; init; }

    /// <summary>The software and InfluxDB database the data came from.</summary>
    public required string Source { get; init; }

    public required IReadOnlyList<EvidenceFile> Files { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The id of the centre's key that signed the manifest (<c>SealKeys.IdOf</c>); absent in format 1.</summary>
    public string? KeyId { get; init; }

    /// <summary>The local days (yyyy-MM-dd) whose seals and sealed records are exported, whole; absent in format 1.</summary>
    public IReadOnlyList<string>? SealedDays { get; init; }

    /// <summary>A day's stored readings and alert events as canonical records (<c>SealRecords</c>).</summary>
    public static string RecordsPath(string day) => $"sealed/{day}.tsv";

    /// <summary>A seal version's document (<c>.json</c>, its exact bytes) or signature (<c>.sig</c>, DER).</summary>
    public static string SealPath(string day, int version, string extension) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"seals/{day}/v{version}.{extension}");

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>One file of the export: path inside the ZIP, size in bytes, lower-case hex SHA-256, and its provenance.</summary>
public sealed record EvidenceFile(string Path, long Bytes, string Sha256, string Query, long? Rows = null, string? Note = null);
