using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Cloud.Storage;

/// <summary>
/// Reads stored samples back (measurement <c>sample</c>, docs/storage.md) in measurement-time order,
/// a page at a time, so any range streams without loading it whole: for warming the rules at
/// start-up and for back-tests.
/// </summary>
public sealed class SampleHistory(InfluxClient influx, ParameterCatalog catalog)
{
    public const int PageSize = 10_000;

    /// <summary>
    /// Samples of [from, to), oldest first; of one station, or of all when <paramref name="station"/> is
    /// null; only those stored under <paramref name="park"/> when it is given.
    /// </summary>
    public async IAsyncEnumerable<(string Park, Sample Sample)> ReadAsync(
        string? station, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken, string? park = null)
    {
        if (station is not null)
        {
            Identifier.Require(station, nameof(station));
        }

        var cursor = from.ToUnixTimeMilliseconds();
        var skip = 0;
        var filter = (station is null ? "" : $" AND {InfluxQl.Is(SampleSchema.StationTag, station)}") + (park is null ? "" : $" AND {InfluxQl.Is(SampleSchema.ParkTag, park)}");
        while (true)
        {
            // Paged by time; rows sharing the page's last millisecond are skipped by OFFSET on the next page.
            var query = string.Create(CultureInfo.InvariantCulture,
                $"SELECT * FROM {InfluxQl.Identifier(SampleSchema.Measurement)} WHERE {InfluxQl.Range(DateTimeOffset.FromUnixTimeMilliseconds(cursor), to)}{filter} ORDER BY time ASC LIMIT {PageSize} OFFSET {skip}");
            using var document = await influx.QueryAsync(query, cancellationToken);
            var (page, rows, lastTime, atLast) = Parse(document.RootElement);
            foreach (var item in page)
            {
                yield return item;
            }

            if (rows < PageSize)
            {
                yield break;
            }

            skip = lastTime == cursor ? skip + atLast : atLast;
            cursor = lastTime;
        }
    }

    /// <summary>
    /// The newest stored measurement time of every station that has any, or of <paramref name="park"/>'s
    /// stations only, in one query (one row per station): where ingestion's append-only ledger starts
    /// knowing everything.
    /// </summary>
    public async Task<Dictionary<string, long>> NewestPerStationAsync(CancellationToken cancellationToken, string? park = null)
    {
        var where = park is null ? "" : $" WHERE {InfluxQl.Is(SampleSchema.ParkTag, Identifier.Require(park, nameof(park)))}";
        var query = $"SELECT * FROM {InfluxQl.Identifier(SampleSchema.Measurement)}{where} GROUP BY {InfluxQl.Identifier(SampleSchema.StationTag)} ORDER BY time DESC LIMIT 1";
        using var document = await influx.QueryAsync(query, cancellationToken);
        var newest = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, sample) in Parse(document.RootElement).Samples)
        {
            newest[sample.Station] = sample.Timestamp.ToUnixTimeMilliseconds();
        }

        return newest;
    }

    /// <summary>
    /// The stored samples of each station in its range [from, to] (both ends included), one statement
    /// per range in a single request: what the append-only check compares suspected repeats with.
    /// </summary>
    public async Task<List<(string Park, Sample Sample)>> ReadRangesAsync(
        IEnumerable<(string Station, DateTimeOffset From, DateTimeOffset To)> ranges, CancellationToken cancellationToken)
    {
        var statements = ranges.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"SELECT * FROM {InfluxQl.Identifier(SampleSchema.Measurement)} WHERE {InfluxQl.Is(SampleSchema.StationTag, Identifier.Require(r.Station, nameof(ranges)))} AND time >= {InfluxQl.Time(r.From)} AND time <= {InfluxQl.Time(r.To)}"));
        var query = string.Join("; ", statements);
        if (query.Length == 0)
        {
            return [];
        }

        using var document = await influx.QueryAsync(query, cancellationToken);
        return Parse(document.RootElement).Samples;
    }

    private (List<(string, Sample)> Samples, int Rows, long LastTime, int AtLast) Parse(JsonElement root)
    {
        var samples = new List<(string, Sample)>();
        var rows = 0;
        var lastTime = long.MinValue;
        var atLast = 0;
        foreach (var result in root.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var seriesList))
            {
                continue;
            }

            foreach (var series in seriesList.EnumerateArray())
            {
                var columns = series.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
                // Grouped by station, the station is the series' tag, not a column.
                var groupedStation = series.TryGetProperty("tags", out var tags) && tags.TryGetProperty(SampleSchema.StationTag, out var tag) ? tag.GetString() : null;
                var park = Array.IndexOf(columns, SampleSchema.ParkTag);
                var stationColumn = Array.IndexOf(columns, SampleSchema.StationTag);
                var seq = Array.IndexOf(columns, SampleSchema.SeqField);
                var fields = new List<(int Column, Parameter Parameter, int StatusColumn)>();
                for (var i = 0; i < columns.Length; i++)
                {
                    if (catalog.TryGet(columns[i], out var parameter))
                    {
                        fields.Add((i, parameter, Array.IndexOf(columns, SampleSchema.StatusField(columns[i]))));
                    }
                }

                foreach (var row in series.GetProperty("values").EnumerateArray())
                {
                    var cells = row.EnumerateArray().ToArray();
                    var milliseconds = cells[0].GetInt64();
                    rows++;
                    atLast = milliseconds == lastTime ? atLast + 1 : 1;
                    lastTime = milliseconds;
                    var readings = new List<Reading>(fields.Count);
                    foreach (var (column, parameter, statusColumn) in fields)
                    {
                        if (cells[column].ValueKind == JsonValueKind.Number)
                        {
                            var status = statusColumn >= 0 && cells[statusColumn].ValueKind == JsonValueKind.Number ? (DeviceStatus)cells[statusColumn].GetInt32() : DeviceStatus.Measuring;
                            readings.Add(new Reading(parameter, cells[column].GetDouble(), status));
                        }
                    }

                    var station = stationColumn >= 0 ? cells[stationColumn].GetString() : groupedStation;
                    if (readings.Count == 0 || station is null)
                    {
                        continue;
                    }

                    var time = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
                    long? number = seq >= 0 && cells[seq].ValueKind == JsonValueKind.Number ? cells[seq].GetInt64() : null;
                    samples.Add((park >= 0 ? cells[park].GetString() ?? "" : "", new Sample(station, time, readings, number)));
                }
            }
        }

        return (samples, rows, lastTime, atLast);
    }
}
