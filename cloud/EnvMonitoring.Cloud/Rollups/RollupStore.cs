using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Compliance;

namespace EnvMonitoring.Cloud.Rollups;

/// <summary>Reads and writes rollup points (<see cref="RollupSchema"/>) in the rollup retention policy.</summary>
internal sealed class RollupStore(InfluxClient influx, LongTermPolicy longTerm)
{
    private const int LinesPerWrite = 5_000;
    /// <summary>
    /// Rollups are read a month at a time (744 hourly rows): a year in one answer was a JSON document
    /// of tens of MB whose buffers stayed in the array pool after the query.
    /// </summary>
    private static readonly TimeSpan ReadSlice = TimeSpan.FromDays(31);

    public string RetentionPolicy => longTerm.Name;

    public string Source(string measurement) => longTerm.Source(measurement);

    public string Query(string measurement, string station, IReadOnlyList<Parameter> parameters, DateTimeOffset from, DateTimeOffset to)
    {
        var fields = parameters.SelectMany(p => RollupSchema.Suffixes.Select(s => p.Code + s));
        return $"SELECT {InfluxQl.Identifiers(fields)} FROM {Source(measurement)} WHERE {InfluxQl.Is(SampleSchema.StationTag, station)} AND {InfluxQl.Range(from, to)}";
    }

    /// <summary>
    /// Stored windows in [from, to), oldest first; a window without any of the parameters is skipped.
    /// The next slice's query runs while the current one is consumed.
    /// </summary>
    public async IAsyncEnumerable<WindowRow> ReadAsync(
        string measurement, string station, IReadOnlyList<Parameter> parameters, DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<List<WindowRow>>? next = ReadSliceAsync(measurement, station, parameters, from, to, abandon.Token);
        try
        {
            for (var start = from; start < to; start += ReadSlice)
            {
                var rows = await next!;
                next = start + ReadSlice < to ? ReadSliceAsync(measurement, station, parameters, start + ReadSlice, to, abandon.Token) : null;
                foreach (var row in rows)
                {
                    yield return row;
                }
            }
        }
        finally
        {
            if (next is not null)
            {
                // Consumer stopped early: the prefetch is not wanted.
                await abandon.CancelAsync();
                await Task.WhenAny(next);
            }
        }
    }

    private async Task<List<WindowRow>> ReadSliceAsync(
        string measurement, string station, IReadOnlyList<Parameter> parameters, DateTimeOffset start, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var end = start + ReadSlice < to ? start + ReadSlice : to;
        using var document = await influx.QueryAsync(Query(measurement, station, parameters, start, end), cancellationToken);
        return Parse(document, parameters);
    }

    public async Task WriteAsync(string measurement, string park, string station, IReadOnlyList<Parameter> parameters, IEnumerable<WindowRow> rows, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var lines = 0;
        foreach (var row in rows)
        {
            Append(text, measurement, park, station, parameters, row);
            if (++lines == LinesPerWrite)
            {
                await PostAsync(text, cancellationToken);
                lines = 0;
            }
        }

        if (lines > 0)
        {
            await PostAsync(text, cancellationToken);
        }
    }

    private async Task PostAsync(StringBuilder text, CancellationToken cancellationToken)
    {
        var result = await influx.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), RetentionPolicy, cancellationToken);
        text.Clear();
        if (result.Outcome != InfluxWriteOutcome.Written)
        {
            throw new InfluxException($"InfluxDB did not store rollups ({result.Outcome}, {(int?)result.Status}): {result.Error}");
        }
    }

    private static void Append(StringBuilder text, string measurement, string park, string station, IReadOnlyList<Parameter> parameters, WindowRow row)
    {
        var c = CultureInfo.InvariantCulture;
        text.Append(measurement).Append(",park=").Append(park).Append(",station=").Append(station).Append(' ');
        var first = true;
        for (var p = 0; p < parameters.Count; p++)
        {
            var s = row.Stats[p];
            if (s.Total == 0)
            {
                continue;
            }

            var code = parameters[p].Code;
            text.Append(first ? "" : ",");
            first = false;
            if (s.Valid > 0)
            {
                text.Append(c, $"{code}_mean={s.Mean!.Value:R},{code}_min={s.Min:R},{code}_max={s.Max:R},");
            }

            text.Append(c, $"{code}_count={s.Valid}i,{code}_cal={s.Calibrating}i,{code}_fault={s.Fault}i,{code}_invalid={s.Invalid}i");
        }

        text.Append(' ').Append(row.Start.ToUnixTimeMilliseconds().ToString(c)).Append('\n');
    }

    private static List<WindowRow> Parse(System.Text.Json.JsonDocument document, IReadOnlyList<Parameter> parameters)
    {
        var rows = new List<WindowRow>();
        var suffixes = RollupSchema.Suffixes.Count;
        int[]? map = null;
        var cells = new System.Text.Json.JsonElement[parameters.Count * suffixes];
        foreach (var (columns, row) in SeriesRows.Of(document))
        {
            map ??= SeriesRows.Map(columns, name => name == "time" ? -2 : Index(parameters, name));
            long time = 0;
            var i = 0;
            Array.Clear(cells);
            foreach (var cell in row.EnumerateArray())
            {
                var target = map[i++];
                if (target == -2)
                {
                    time = cell.GetInt64();
                }
                else if (target >= 0)
                {
                    cells[target] = cell;
                }
            }

            var stats = new WindowStats[parameters.Count];
            for (var p = 0; p < parameters.Count; p++)
            {
                var b = p * suffixes;
                // Order of RollupSchema.Suffixes: mean, min, max, count, cal, fault, invalid.
                stats[p] = WindowStats.FromMean(
                    SeriesRows.Long(cells[b + 3]), SeriesRows.Double(cells[b]), SeriesRows.Double(cells[b + 1]), SeriesRows.Double(cells[b + 2]),
                    SeriesRows.Long(cells[b + 4]), SeriesRows.Long(cells[b + 5]), SeriesRows.Long(cells[b + 6]));
            }

            rows.Add(new WindowRow(DateTimeOffset.FromUnixTimeMilliseconds(time), stats));
        }

        return rows;
    }

    private static int Index(IReadOnlyList<Parameter> parameters, string column)
    {
        var cut = column.LastIndexOf('_');
        if (cut <= 0)
        {
            return -1;
        }

        var code = column[..cut];
        var suffix = column[cut..];
        for (var p = 0; p < parameters.Count; p++)
        {
            if (parameters[p].Code == code)
            {
                for (var s = 0; s < RollupSchema.Suffixes.Count; s++)
                {
                    if (RollupSchema.Suffixes[s] == suffix)
                    {
                        return (p * RollupSchema.Suffixes.Count) + s;
                    }
                }
            }
        }

        return -1;
    }
}
