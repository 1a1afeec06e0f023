using System.Globalization;
using System.Text;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Cloud.Stations;

/// <summary>
/// The limits in force, for readers that see only InfluxDB (the Grafana station view,
/// docs/storage.md): the <see cref="Journal{T}"/> <c>station_limit</c> in the long-term policy, one
/// entry per station and limited parameter, written at every start (tags park, station, parameter;
/// fields <c>min</c> and/or <c>max</c> in the catalog's unit, <c>unit</c> and <c>basis</c>). A series'
/// newest entry is the limit in force since that start; the rules read the registry, never this.
/// </summary>
public sealed class LimitJournal(StationRegistry registry, InfluxClient influx, LongTermPolicy longTerm, TimeProvider time, ILogger<LimitJournal> logger)
    : Journal<LimitJournal.Entry>(influx, longTerm, time, logger)
{
    public const string Name = "station_limit";

    public override string Measurement => Name;

    /// <summary>Queues the registry's limits, then starts writing them.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        foreach (var station in registry.All)
        {
            foreach (var limit in station.Profile.Limits)
            {
                Append(new Entry(station.Park, station.Station, limit, now));
            }
        }

        return base.StartAsync(cancellationToken);
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

        line.Append("unit=\"").Append(Escape(limit.Parameter.Unit)).Append("\",basis=\"").Append(Escape(limit.Basis)).Append('"');
    }

    /// <summary>One station's limit for one parameter, as in force from <see cref="At"/>.</summary>
    public sealed record Entry(string Park, string Station, ParameterLimit Limit, DateTimeOffset At);
}
