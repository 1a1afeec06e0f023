using System.Globalization;
using System.Text;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Time;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>
/// Where seals are kept (docs/evidence.md, "Storage"): measurement <c>seal</c> in their own never-expiring
/// retention policy (<see cref="SealsOptions.RetentionPolicy"/>), apart from the readings and their
/// retention; tag station, fields day, version, key, the document exactly as signed and the signature
/// (base64). A version's time is its day's start plus its version in milliseconds, so it is one
/// point per station, day and version, and a day's seals are one time range. Written in order,
/// <see cref="SealsOptions.WriteLinger"/>'s at a time, retried until stored, never updated.
/// </summary>
public sealed class SealStore(InfluxClient influx, IOptions<SealsOptions> options, TimeProvider time, ILogger<SealStore> logger)
    : Journal<StoredSeal>(influx, new LongTermPolicy(influx, options.Value.RetentionPolicy), time, logger)
{
    public const string Name = "seal";

    public override string Measurement => Name;

    protected override bool KeepsOwnTime => true;

    /// <summary>Seals come in a stream while ingestion runs hard (each station's every ~1,000 samples): <see cref="SealsOptions.WriteLinger"/>'s go in one request.</summary>
    protected override TimeSpan Linger => options.Value.WriteLinger;

    /// <summary>Every stored version of each of <paramref name="station"/>'s days in [<paramref name="from"/>, <paramref name="to"/>], by day.</summary>
    public async Task<Dictionary<DateOnly, List<SignedSeal>>> ReadAsync(string station, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = ProvinceTime.StartOf(from);
        var end = ProvinceTime.StartOf(to).AddDays(1);
        var where = string.Create(CultureInfo.InvariantCulture, $"{InfluxQl.Is("station", station)} AND time >= {InfluxQl.Time(start)} AND time < {InfluxQl.Time(end)}");
        var days = new Dictionary<DateOnly, List<SignedSeal>>();
        // ReadAsync pages from after -1 ms: the range is in the WHERE clause as well.
        await foreach (var row in ReadAsync(["time", "document", "signature"], where, cancellationToken))
        {
            var seal = new SignedSeal(Encoding.UTF8.GetBytes(row[1].GetString() ?? ""), Convert.FromBase64String(row[2].GetString() ?? ""));
            var day = ProvinceTime.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()));
            (days.TryGetValue(day, out var list) ? list : days[day] = []).Add(seal);
        }

        return days;
    }

    /// <summary>
    /// Every version of each of <paramref name="station"/>'s days in [<paramref name="from"/>, <paramref name="to"/>],
    /// by day, in version order: those stored and those made here and not yet written (a journal write
    /// waits <see cref="Linger"/> for more). The unwritten ones are looked at first, so a seal being
    /// written meanwhile is found in one or the other (or both, and kept once).
    /// </summary>
    public async Task<Dictionary<DateOnly, List<SignedSeal>>> MadeAsync(string station, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var unwritten = Unwritten().Select(e => e.Seal).Where(s => s.Parsed.Station == station && s.Parsed.LegalDay >= from && s.Parsed.LegalDay <= to).ToList();
        var days = await ReadAsync(station, from, to, cancellationToken);
        foreach (var seal in unwritten)
        {
            var day = seal.Parsed.LegalDay;
            var list = days.TryGetValue(day, out var known) ? known : days[day] = [];
            if (!list.Any(s => s.Parsed.Version == seal.Parsed.Version))
            {
                list.Add(seal);
            }
        }

        return days;
    }

    /// <summary>A version's point time: its day's local midnight plus the version in milliseconds.</summary>
    public static DateTimeOffset PointTime(DateOnly day, int version) =>
        ProvinceTime.StartOf(day).AddMilliseconds(version);

    protected override DateTimeOffset TimeOf(StoredSeal entry) => PointTime(entry.Seal.Parsed.LegalDay, entry.Seal.Parsed.Version);

    protected override void AppendTagsAndFields(StringBuilder line, StoredSeal entry)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(entry);
        var document = entry.Seal.Parsed;
        // Station and park are validated identifiers: nothing to escape in tags.
        line.Append(",park=").Append(entry.Park).Append(",station=").Append(document.Station)
            .Append(" day=\"").Append(document.Day)
            .Append("\",version=").Append(document.Version.ToString(CultureInfo.InvariantCulture))
            .Append("i,key=\"").Append(document.KeyId)
            .Append("\",document=\"");
        FieldText.Append(line, entry.Seal.Document)
            .Append("\",signature=\"").Append(Convert.ToBase64String(entry.Seal.Signature)).Append('"');
    }
}

/// <summary>A seal with the park of its station, as stored.</summary>
public sealed record StoredSeal(string Park, SignedSeal Seal);
