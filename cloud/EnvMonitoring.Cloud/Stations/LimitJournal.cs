using System.Globalization;
using System.Text;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Cloud.Stations;

/// <summary>
/// The limits in force, for readers that see only InfluxDB (the Grafana station view,
/// docs/storage.md): the <see cref="Journal{T}"/> <c>station_limit</c> in the long-term policy, one
/// entry per station and limited parameter, written at every start and again for each station
/// added or changed while the host runs (<see cref="StationRegistry.Changed"/>) (tags park, station,
/// parameter; fields <c>min</c> and/or <c>max</c> in the catalog's unit, <c>unit</c> and <c>basis</c>).
/// A series' newest entry is the limit in force since its time; the rules read the registry, never this.
/// </summary>
public sealed class LimitJournal(StationRegistry registry, InfluxClient influx, LongTermPolicy longTerm, TimeProvider time, ILogger<LimitJournal> logger)
    : Journal<LimitJournal.Entry>(influx, longTerm, time, logger)
{
    public const string Name = "station_limit";

    public override string Measurement => Name;

    /// <summary>Queues the registry's limits, then starts writing them and those of every later change.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Listening first: a change made while the start-up entries are queued is recorded after them.
        registry.Changed += OnStationsChanged;
        Record(registry.All);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        registry.Changed -= OnStationsChanged;
        await base.StopAsync(cancellationToken);
    }

    /// <summary>
    /// An added or changed station's limits, in force from now. A limit a change took away (a
    /// parameter no longer limited) has no entry to end it: its series keeps its last entry.
    /// </summary>
    private void OnStationsChanged(StationChanges changes) => Record(changes.Added.Concat(changes.Changed));

    private void Record(IEnumerable<RegisteredStation> stations)
    {
        var now = Time.GetUtcNow();
        foreach (var station in stations)
        {
            foreach (var limit in station.Profile.Limits)
            {
                Append(new Entry(station.Park, station.Station, limit, now));
            }
        }
    }

    protected override DateTimeOffset TimeOf(Entry entry) => entry.At;

    protected override void AppendTagsAndFields(StringBuilder line, Entry entry)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(entry);
        var (park, station, limit, _) = entry;
        // Park, station and catalog codes are identifiers ([A-Za-z0-9_.-]): nothing to escape in tags.
        line.Append(",park=").Append(park).Append(",station=").Append(station).Append(",parameter=").Append(limit.Parameter.Code).Append(' ');
        if (limit.Min is { } min)
        {
            line.Append("min=").Append(min.ToString("R", CultureInfo.InvariantCulture)).Append(',');
        }

        if (limit.Max is { } max)
        {
            line.Append("max=").Append(max.ToString("R", CultureInfo.InvariantCulture)).Append(',');
        }

        line.Append("unit=\"").Append(FieldText.Escape(limit.Parameter.Unit)).Append("\",basis=\"").Append(FieldText.Escape(limit.Basis)).Append('"');
    }

    /// <summary>One station's limit for one parameter, as in force from <see cref="At"/>.</summary>
    public sealed record Entry(string Park, string Station, ParameterLimit Limit, DateTimeOffset At);
}
