using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// The audit trail of alert transitions: the <see cref="Journal{T}"/> <c>alert_event</c> in the
/// long-term policy (tags park and station; fields kind, alert, severity, seq, the whole event as
/// JSON and, for a resolution, <c>view</c>: the alert as <see cref="AlertView"/> showed it once
/// resolved), so a raw-data retention never deletes who acknowledged or resolved what. Events an
/// earlier version kept in the default policy are moved in at start. <see cref="ReadAllAsync"/>
/// rebuilds the alert book at start-up; <see cref="ReadResolvedAsync"/> is the shift log.
/// </summary>
public sealed class AlertEventStore(InfluxClient influx, LongTermPolicy longTerm, TimeProvider time, ILogger<AlertEventStore> logger)
    : Journal<StoredAlertEvent>(influx, longTerm, time, logger), IRulesListener, IParkCustodian
{
    /// <summary>How long a hand-over waits for the queued events to be written.</summary>
    private static readonly TimeSpan FlushPatience = TimeSpan.FromSeconds(30);

    public const string Name = "alert_event";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A view is stored as the API writes it (camelCase).</summary>
    private static readonly JsonSerializerOptions ViewJson = new(JsonSerializerDefaults.Web);

    public override string Measurement => Name;

    protected override bool MovedFromDefaultPolicy => true;

    /// <summary>Queues the transition's event for writing, a resolution with the alert's view.</summary>
    void IRulesListener.OnTransition(AlertTransition transition) =>
        Append(new StoredAlertEvent(transition.Park, transition.Event, transition.Event.Kind == AlertEventKind.Resolved ? transition.View : null));

    Task IParkCustodian.TakeUpAsync(string park, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A park given up is handed over only once every event queued is written, so the next judge
    /// replays every alert this one opened or changed (a lost lease has nothing to wait for: another
    /// judge may already be writing).
    /// </summary>
    async Task IParkCustodian.HandOverAsync(string park, bool leaseLost, CancellationToken cancellationToken)
    {
        var deadline = Time.GetUtcNow() + FlushPatience;
        while (!leaseLost && Backlog > 0 && Time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), Time, cancellationToken);
        }
    }

    /// <summary>Queues an event for writing; never blocks.</summary>
    public void Append(string park, AlertEvent e) => Append(new StoredAlertEvent(park, e, null));

    /// <summary>
    /// Every stored event (of <paramref name="station"/>, of one alert when <paramref name="alert"/>
    /// is given, stored under <paramref name="park"/> when given: InfluxDB filters), oldest first, with its park.
    /// </summary>
    public async Task<List<(string Park, AlertEvent Event)>> ReadAllAsync(string? station, CancellationToken cancellationToken, string? alert = null, string? park = null)
    {
        var where = string.Join(" AND ", new[]
        {
            station is null ? null : InfluxQl.Is("station", station),
            alert is null ? null : InfluxQl.Is("alert", alert),
            park is null ? null : InfluxQl.Is("park", park),
        }.OfType<string>());
        var events = new List<(string, AlertEvent)>();
        await foreach (var row in ReadAsync(["time", "json", "park"], where.Length == 0 ? null : where, cancellationToken))
        {
            events.Add((row[2].GetString() ?? "", Parse(row[1].GetString()!)));
        }

        return events;
    }

    /// <summary>
    /// The events of <paramref name="station"/> stored in [<paramref name="from"/>, <paramref name="to"/>),
    /// oldest first, each with its stored time and <c>seq</c> field and its JSON exactly as stored (what
    /// the seals cover); the event itself is null when that JSON no longer reads as one.
    /// </summary>
    public async Task<List<(long StoredAt, long Seq, string Json, AlertEvent? Event)>> ReadStoredAsync(
        string station, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var where = $"{InfluxQl.Is("station", station)} AND time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)}";
        var events = new List<(long, long, string, AlertEvent?)>();
        await foreach (var row in ReadAsync(["time", "json", "seq"], where, cancellationToken))
        {
            var json = row[1].ValueKind == JsonValueKind.String ? row[1].GetString()! : "";
            AlertEvent? parsed;
            try
            {
                parsed = Parse(json);
            }
            catch (JsonException)
            {
                parsed = null;
            }

            events.Add((row[0].GetInt64(), row[2].ValueKind == JsonValueKind.Number ? row[2].GetInt64() : -1, json, parsed));
        }

        return events;
    }

    /// <summary>
    /// The alerts resolved in [<paramref name="from"/>, <paramref name="to"/>) (either end open), newest
    /// first, at most <paramref name="limit"/>, of <paramref name="station"/> and of
    /// <paramref name="parks"/> when given (null: every park): one query, filtered by time, kind and tags in InfluxDB.
    /// Each comes with the view stored with it (null for an event an earlier version stored without one).
    /// </summary>
    public async Task<List<StoredAlertEvent>> ReadResolvedAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? station, IReadOnlyCollection<string>? parks, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var where = new List<string> { InfluxQl.Is("kind", WireName.Of(AlertEventKind.Resolved)) };
        if (from is { } start)
        {
            where.Add($"time >= {InfluxQl.Time(start)}");
        }

        if (to is { } end)
        {
            where.Add($"time < {InfluxQl.Time(end)}");
        }

        if (station is not null)
        {
            where.Add(InfluxQl.Is("station", station));
        }

        if (parks is not null)
        {
            if (parks.Count == 0)
            {
                return [];
            }

            where.Add("(" + string.Join(" OR ", parks.Select(p => InfluxQl.Is("park", p))) + ")");
        }

        var rows = await ReadNewestAsync(["time", "json", "park", "view"], string.Join(" AND ", where), limit, cancellationToken);
        return [.. rows.Select(row => new StoredAlertEvent(
            row[2].GetString() ?? "",
            Parse(row[1].GetString()!),
            row[3].ValueKind == JsonValueKind.String ? JsonSerializer.Deserialize<AlertView>(row[3].GetString()!, ViewJson) : null))];
    }

    protected override DateTimeOffset TimeOf(StoredAlertEvent entry) => entry.Event.At;

    protected override void AppendTagsAndFields(StringBuilder line, StoredAlertEvent entry)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(entry);
        var (park, e, view) = entry;
        // Park and station are validated identifiers ([A-Za-z0-9_.-]): nothing to escape in tags.
        line.Append(",park=").Append(park).Append(",station=").Append(e.Cause.Station)
            .Append(" kind=\"").Append(WireName.Of(e.Kind))
            .Append("\",alert=\"").Append(FieldText.Escape(e.AlertId.Value))
            .Append("\",severity=").Append(((int)e.Severity).ToString(CultureInfo.InvariantCulture))
            .Append("i,seq=").Append(e.Sequence.ToString(CultureInfo.InvariantCulture))
            .Append("i,json=\"").Append(FieldText.Escape(Format(e))).Append('"');
        if (view is not null)
        {
            line.Append(",view=\"").Append(FieldText.Escape(JsonSerializer.Serialize(view, ViewJson))).Append('"');
        }
    }

    /// <summary>
    /// An event as stored. Fields are only ever added (all optional), never renamed, so events an
    /// earlier version stored read back unchanged: a missing field is null.
    /// </summary>
    internal static AlertEvent Parse(string json) => JsonSerializer.Deserialize<AlertEvent>(json, Json)!;

    internal static string Format(AlertEvent e) => JsonSerializer.Serialize(e, Json);
}
