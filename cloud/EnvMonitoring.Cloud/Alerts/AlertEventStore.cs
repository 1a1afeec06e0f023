using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// The audit trail of alert transitions: the <see cref="Journal{T}"/> <c>alert_event</c> in the
/// long-term policy (tags park and station; fields kind, alert, severity, seq and the whole event as
/// JSON), so a raw-data retention never deletes who acknowledged or resolved what. Events an earlier
/// version kept in the default policy are moved in at start. <see cref="ReadAllAsync"/> rebuilds the
/// alert book at start-up.
/// </summary>
public sealed class AlertEventStore(InfluxClient influx, LongTermPolicy longTerm, TimeProvider time, ILogger<AlertEventStore> logger)
    : Journal<(string Park, AlertEvent Event)>(influx, longTerm, time, logger), IRulesListener
{
    public const string Name = "alert_event";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public override string Measurement => Name;

    protected override bool MovedFromDefaultPolicy => true;

    /// <summary>Queues the transition's event for writing.</summary>
    void IRulesListener.OnTransition(AlertTransition transition) => Append(transition.Park, transition.Event);

    /// <summary>Queues an event for writing; never blocks.</summary>
    public void Append(string park, AlertEvent e) => Append((park, e));

    /// <summary>
    /// Every stored event (of <paramref name="station"/>, of one alert when <paramref name="alert"/>
    /// is given: InfluxDB filters), oldest first, with its park.
    /// </summary>
    public async Task<List<(string Park, AlertEvent Event)>> ReadAllAsync(string? station, CancellationToken cancellationToken, string? alert = null)
    {
        var where = string.Join(" AND ", new[] { station is null ? null : InfluxQl.Is("station", station), alert is null ? null : InfluxQl.Is("alert", alert) }.OfType<string>());
        var events = new List<(string, AlertEvent)>();
        await foreach (var row in ReadAsync(["time", "json", "park"], where.Length == 0 ? null : where, cancellationToken))
        {
            events.Add((row[2].GetString() ?? "", Parse(row[1].GetString()!)));
        }

        return events;
    }

    protected override DateTimeOffset TimeOf((string Park, AlertEvent Event) entry) => entry.Event.At;

    protected override void AppendTagsAndFields(StringBuilder line, (string Park, AlertEvent Event) entry)
    {
        var (park, e) = entry;
        // Park and station are validated identifiers ([A-Za-z0-9_.-]): nothing to escape in tags.
        line.Append(",park=").Append(park).Append(",station=").Append(e.Cause.Station)
            .Append(" kind=\"").Append(WireName.Of(e.Kind))
            .Append("\",alert=\"").Append(Escape(e.AlertId.Value))
            .Append("\",severity=").Append(((int)e.Severity).ToString(CultureInfo.InvariantCulture))
            .Append("i,seq=").Append(e.Sequence.ToString(CultureInfo.InvariantCulture))
            .Append("i,json=\"").Append(Escape(Format(e))).Append('"');
    }

    /// <summary>
    /// An event as stored. Fields are only ever added (all optional), never renamed, so events an
    /// earlier version stored read back unchanged: a missing field is null.
    /// </summary>
    internal static AlertEvent Parse(string json) => JsonSerializer.Deserialize<AlertEvent>(json, Json)!;

    internal static string Format(AlertEvent e) => JsonSerializer.Serialize(e, Json);
}
