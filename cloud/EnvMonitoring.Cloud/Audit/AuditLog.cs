using System.Net;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Cloud.Audit;

/// <summary>
/// The audit log: the <see cref="Journal{T}"/> <c>audit</c> in the long-term policy (no expiry; tags
/// action, and user, park and station when they are identifiers; the whole entry as JSON). Nothing
/// here updates or deletes an entry. Recording never blocks the request that is audited: entries
/// are written in the background, in order, retried until InfluxDB takes them.
/// </summary>
public sealed class AuditLog(InfluxClient influx, LongTermPolicy longTerm, TimeProvider time, ILogger<AuditLog> logger)
    : Journal<AuditEntry>(influx, longTerm, time, logger)
{
    public const string Name = "audit";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override string Measurement => Name;

    /// <summary>Records what the signed-in user of <paramref name="context"/> did, from the request's address.</summary>
    public void Record(HttpContext context, string action, string? park = null, string? station = null, string? subject = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        Record(action, context.User.Identity?.Name ?? "anonymous", context.Connection.RemoteIpAddress, park, station, subject, detail);
    }

    /// <summary>Records an action of <paramref name="user"/> from <paramref name="source"/> (null: not a network request).</summary>
    public void Record(string action, string user, IPAddress? source, string? park = null, string? station = null, string? subject = null, string? detail = null) =>
        Append(new AuditEntry(Time.GetUtcNow(), action, user, source?.ToString(), park, station, subject, detail));

    /// <summary>The newest entries that match, newest first.</summary>
    public async Task<List<AuditEntry>> QueryAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var conditions = new List<string>();
        if (filter.From is { } from)
        {
            conditions.Add($"time >= {InfluxQl.Time(from)}");
        }

        if (filter.To is { } to)
        {
            conditions.Add($"time < {InfluxQl.Time(to)}");
        }

        foreach (var (tag, value) in new[] { ("action", filter.Action), ("user", filter.User), ("park", filter.Park), ("station", filter.Station) })
        {
            if (value is not null)
            {
                conditions.Add(InfluxQl.Is(tag, value));
            }
        }

        var rows = await ReadNewestAsync(["time", "json"], conditions.Count == 0 ? null : string.Join(" AND ", conditions), filter.Limit, cancellationToken);
        return [.. rows.Select(Entry)];
    }

    /// <summary>Every entry about <paramref name="station"/>, oldest first (for its evidence export).</summary>
    public async Task<List<AuditEntry>> ForStationAsync(string station, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await foreach (var row in ReadAsync(["time", "json"], InfluxQl.Is("station", station), cancellationToken))
        {
            entries.Add(Entry(row));
        }

        return entries;
    }

    /// <summary>An entry as stored, with the time it was stored under (distinct per entry).</summary>
    private static AuditEntry Entry(JsonElement[] row) =>
        JsonSerializer.Deserialize<AuditEntry>(row[1].GetString()!, Json)! with { At = DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()) };

    protected override DateTimeOffset TimeOf(AuditEntry entry) => entry.At;

    protected override void AppendTagsAndFields(StringBuilder line, AuditEntry entry)
    {
        // Tags only hold identifiers ([A-Za-z0-9_.-], nothing to escape); anything else (a name typed
        // in a failed sign-in) is kept in the JSON alone.
        line.Append(",action=").Append(Identifier.IsValid(entry.Action) ? entry.Action : "other");
        foreach (var (tag, value) in new[] { ("park", entry.Park), ("station", entry.Station), ("user", entry.User) })
        {
            if (Identifier.IsValid(value))
            {
                line.Append(',').Append(tag).Append('=').Append(value);
            }
        }

        line.Append(" json=\"").Append(FieldText.Escape(JsonSerializer.Serialize(entry, Json))).Append('"');
    }
}

/// <summary>What <c>GET /api/audit</c> asks for: a time range, tags to match and how many entries at most.</summary>
public sealed record AuditFilter(DateTimeOffset? From, DateTimeOffset? To, string? Action, string? User, string? Park, string? Station, int Limit);
