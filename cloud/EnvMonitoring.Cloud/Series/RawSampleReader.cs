using System.Runtime.CompilerServices;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Catalog;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Series;

/// <summary>
/// Reads a station's stored samples (measurement <c>sample</c>, docs/storage.md) oldest first, in
/// time slices of <see cref="HistoryOptions.RawSlice"/>, so any range streams with bounded memory.
/// </summary>
internal sealed class RawSampleReader(InfluxClient influx, IOptions<HistoryOptions> options)
{
    private readonly TimeSpan _slice = options.Value.RawSlice;

    /// <summary>The InfluxQL of one slice, [from, to) — the same statement runs for every slice.</summary>
    public static string Query(string station, IReadOnlyList<Parameter> parameters, DateTimeOffset from, DateTimeOffset to)
    {
        var fields = parameters.SelectMany(p => new[] { p.Code, SampleSchema.StatusField(p.Code) });
        return $"SELECT {InfluxQl.Identifiers(fields)} FROM {InfluxQl.Identifier(SampleSchema.Measurement)} WHERE {InfluxQl.Is(SampleSchema.StationTag, station)} AND {InfluxQl.Range(from, to)}";
    }

    /// <summary>How the slices of a query are described in an export manifest.</summary>
    public string SlicingNote => $"run once per slice of {_slice} from 'from' to 'to' (each slice [start, end) in place of the range), rows concatenated in time order";

    public int SliceCount(DateTimeOffset from, DateTimeOffset to) => (int)Math.Ceiling((double)(to - from).Ticks / _slice.Ticks);

    public async IAsyncEnumerable<RawPage> ReadAsync(
        string station, IReadOnlyList<Parameter> parameters, DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var start = from; start < to; start += _slice)
        {
            var end = start + _slice < to ? start + _slice : to;
            using var document = await influx.QueryAsync(Query(station, parameters, start, end), cancellationToken);
            yield return Parse(document, parameters);
        }
    }

    private static RawPage Parse(System.Text.Json.JsonDocument document, IReadOnlyList<Parameter> parameters)
    {
        var n = parameters.Count;
        var rows = SeriesRows.Of(document).ToList();
        var times = new long[rows.Count];
        var values = new double[rows.Count * n];
        var status = new byte[rows.Count * n];
        Array.Fill(values, double.NaN);
        int[]? map = null;
        for (var r = 0; r < rows.Count; r++)
        {
            var (columns, row) = rows[r];
            // Columns: time, then value and status of each parameter in the order asked: 2p+1 and 2p+2.
            map ??= SeriesRows.Map(columns, name => name == "time" ? -2 : Index(parameters, name));
            var i = 0;
            foreach (var cell in row.EnumerateArray())
            {
                var target = map[i++];
                if (target == -2)
                {
                    times[r] = cell.GetInt64();
                }
                else if (target >= 0 && cell.ValueKind == System.Text.Json.JsonValueKind.Number)
                {
                    if (target % 2 == 0)
                    {
                        values[(r * n) + (target / 2)] = cell.GetDouble();
                    }
                    else
                    {
                        status[(r * n) + (target / 2)] = (byte)Math.Clamp(cell.GetInt32(), 0, 255);
                    }
                }
            }
        }

        return new RawPage(parameters, times, values, status, rows.Count);
    }

    /// <summary>2p for parameter p's value column, 2p+1 for its status column, -1 for anything else.</summary>
    private static int Index(IReadOnlyList<Parameter> parameters, string column)
    {
        for (var p = 0; p < parameters.Count; p++)
        {
            var code = parameters[p].Code;
            if (column == code)
            {
                return 2 * p;
            }

            if (column.Length == code.Length + SampleSchema.StatusSuffix.Length && column.StartsWith(code, StringComparison.Ordinal) &&
                column.EndsWith(SampleSchema.StatusSuffix, StringComparison.Ordinal))
            {
                return (2 * p) + 1;
            }
        }

        return -1;
    }
}
