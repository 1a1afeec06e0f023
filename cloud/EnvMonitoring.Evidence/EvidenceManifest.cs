using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnvMonitoring.Evidence;

/// <summary>
/// <c>manifest.json</c> of an evidence export (docs/inspectors.md): what was exported, by whom and
/// when, and for every other file of the ZIP its byte size, SHA-256 and the query that produced it.
/// </summary>
public sealed record EvidenceManifest
{
    public const string FileName = "manifest.json";
    public const string CurrentFormat = "envmon-evidence/1";

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

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>One file of the export: path inside the ZIP, size in bytes, lower-case hex SHA-256, and its provenance.</summary>
public sealed record EvidenceFile(string Path, long Bytes, string Sha256, string Query, long? Rows = null, string? Note = null);
