using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Observability;

namespace EnvMonitoring.Cloud.Live;

/// <summary>A station's live state as the dashboard shows it (docs/live.md, StationLive).</summary>
public sealed record StationLive(
    string Park,
    string Station,
    string State,
    string Severity,
    DateTimeOffset? LastMeasuredAt,
    DateTimeOffset? LastReceivedAt,
    bool Stale,
    bool Registered,
    IReadOnlyDictionary<string, ValueLive> Values);

/// <summary>The latest reading of one parameter with its level against the limit.</summary>
public sealed record ValueLive(double Value, string Unit, int Status, DateTimeOffset MeasuredAt, string Level, double? LimitMin, double? LimitMax);

/// <summary>What a client gets when it subscribes: the scope's stations and unresolved alerts.</summary>
public sealed record LiveSnapshot(DateTimeOffset ServerTime, IReadOnlyList<StationLive> Stations, IReadOnlyList<AlertView> Alerts, HealthNow Health);
