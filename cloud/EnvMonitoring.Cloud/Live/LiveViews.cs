using System.Text.Json.Serialization;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Observability;

namespace EnvMonitoring.Cloud.Live;

/// <summary>
/// A station's live state as the dashboard shows it (docs/live.md, StationLive): what it is doing
/// <b>now</b>, from its latest readings and the clock — open alerts are a separate list, so a
/// station whose values are back is no longer shown as exceeding while its alert awaits closing.
/// </summary>
/// <param name="Park">The station's industrial park.</param>
/// <param name="Station">The station id.</param>
/// <param name="State">The condition now: nodata, offline, exceeding, fault, silent, flatLine, calibrating, approaching, normal.</param>
/// <param name="Severity">The worst level of the values exceeding or approaching now; none otherwise.</param>
/// <param name="Since">When the station entered its state (measurement time); null with no data.</param>
/// <param name="LastMeasuredAt">The newest measurement time.</param>
/// <param name="LastReceivedAt">When the newest sample arrived.</param>
/// <param name="Stale">No reading for more than 3 expected intervals at the time of the view (clients recompute it as time passes).</param>
/// <param name="Registered">False for data from a station missing in the registry (shown, not judged).</param>
/// <param name="Values">The latest reading of each parameter.</param>
public sealed record StationLive(
    string Park,
    string Station,
    string State,
    string Severity,
    DateTimeOffset? Since,
    DateTimeOffset? LastMeasuredAt,
    DateTimeOffset? LastReceivedAt,
    bool Stale,
    bool Registered,
    IReadOnlyDictionary<string, ValueLive> Values);

/// <summary>
/// The latest reading of one parameter: its level against the limit and its condition now, since
/// when; while it is approaching or beyond its limit also the tier, the bound judged and the
/// multiple (one-sided limits) or band (ranges). Those are left out when they do not apply, to keep
/// the hub's messages small.
/// </summary>
public sealed record ValueLive(double Value, string Unit, int Status, DateTimeOffset MeasuredAt, string Level, double? LimitMin, double? LimitMax, string State, DateTimeOffset Since)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Severity { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Bound { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Multiple { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Band { get; init; }
}

/// <summary>What a client gets when it subscribes: the scope's stations and unresolved alerts.</summary>
public sealed record LiveSnapshot(DateTimeOffset ServerTime, IReadOnlyList<StationLive> Stations, IReadOnlyList<AlertView> Alerts, HealthNow Health);
