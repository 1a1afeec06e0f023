using EnvMonitoring.Cloud.History;
using EnvMonitoring.Cloud.Rollups;
using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Compliance;
using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// Reads <see cref="DayInputs"/> cheaply, so a year's local-day report needs ~400 rows instead of
/// 8,760 hours: day stats from <c>rollup_1d</c>, hours with readings counted per day by InfluxDB
/// (only days missing hours are read hour by hour, to place the gaps), the peaks by
/// <c>max()</c>/<c>min()</c> over <c>rollup_1h</c>; what is not rolled up yet comes hour by hour.
/// </summary>
internal sealed class DayInputsReader(InfluxClient influx, HistorySeries series, RollupStore store, RollupStatus status)
{
    public async Task<DayInputs[]> ReadAsync(
        string station, IReadOnlyList<Parameter> parameters, IReadOnlyList<ParameterLimit?> limits, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var inputs = parameters.Select(_ => new DayInputs()).ToArray();
        var rolledUpTo = status.CompleteBefore is { } complete ? ProvinceTime.StartOfDay(complete) : from;
        rolledUpTo = rolledUpTo < from ? from : rolledUpTo > to ? to : rolledUpTo;
        if (rolledUpTo > from)
        {
            await foreach (var row in store.ReadAsync(RollupSchema.Daily, station, parameters, from, rolledUpTo, cancellationToken))
            {
                for (var p = 0; p < parameters.Count; p++)
                {
                    if (row.Stats[p].Total > 0)
                    {
                        inputs[p].Days.Add(new HourStats(row.Start, row.Stats[p]));
                    }
                }
            }

            await EmptyHoursAsync(station, parameters, inputs, from, rolledUpTo, cancellationToken);
            await ExtremesAsync(station, parameters, limits, inputs, from, rolledUpTo, cancellationToken);
        }

        if (rolledUpTo < to)
        {
            await TailAsync(station, parameters, inputs, rolledUpTo, to, cancellationToken);
        }

        return inputs;
    }

    private async Task EmptyHoursAsync(string station, IReadOnlyList<Parameter> parameters, DayInputs[] inputs, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var counts = string.Join(",", parameters.Select(p => $"count({InfluxQl.Identifier(p.Code + "_count")})"));
        var query = $"SELECT {counts} FROM {store.Source(RollupSchema.Hourly)} WHERE {InfluxQl.Is(SampleSchema.StationTag, station)} AND {InfluxQl.Range(from, to)} GROUP BY time(1d, -7h) fill(0)";
        var partial = new List<(DateTimeOffset Day, bool[] Missing)>();
        var seen = new HashSet<DateTimeOffset>();
        using (var document = await influx.QueryAsync(query, cancellationToken))
        {
            foreach (var (_, row) in SeriesRows.Of(document))
            {
                var day = DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64());
                seen.Add(day);
                var missing = new bool[parameters.Count];
                for (var p = 0; p < parameters.Count; p++)
                {
                    var hours = SeriesRows.Long(row[p + 1]);
                    if (hours == 0)
                    {
                        AddDay(inputs[p], day);
                    }

                    missing[p] = hours is > 0 and < 24;
                }

                if (missing.Any(m => m))
                {
                    partial.Add((day, missing));
                }
            }
        }

        // Days InfluxDB did not list (no hourly rollup at all) are empty for every parameter.
        for (var day = from; day < to; day = day.AddDays(1))
        {
            if (!seen.Contains(day))
            {
                foreach (var input in inputs)
                {
                    AddDay(input, day);
                }
            }
        }

        foreach (var (day, missing) in partial)
        {
            var present = parameters.Select(_ => new HashSet<DateTimeOffset>()).ToArray();
            await foreach (var row in store.ReadAsync(RollupSchema.Hourly, station, parameters, day, day.AddDays(1), cancellationToken))
            {
                for (var p = 0; p < parameters.Count; p++)
                {
                    if (row.Stats[p].Total > 0)
                    {
                        present[p].Add(row.Start);
                    }
                }
            }

            for (var p = 0; p < parameters.Count; p++)
            {
                if (missing[p])
                {
                    inputs[p].EmptyHours.AddRange(Enumerable.Range(0, 24).Select(h => day.AddHours(h)).Where(h => !present[p].Contains(h)));
                }
            }
        }
    }

    private async Task ExtremesAsync(
        string station, IReadOnlyList<Parameter> parameters, IReadOnlyList<ParameterLimit?> limits, DayInputs[] inputs, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        for (var p = 0; p < parameters.Count; p++)
        {
            foreach (var (selector, field, wanted) in new[] { ("max", "_max", limits[p]?.Max is not null), ("min", "_min", limits[p]?.Min is not null) })
            {
                if (!wanted)
                {
                    continue;
                }

                // A selector answers with the time of the point it selected: the hour of the peak.
                var query = $"SELECT {selector}({InfluxQl.Identifier(parameters[p].Code + field)}) FROM {store.Source(RollupSchema.Hourly)} " +
                            $"WHERE {InfluxQl.Is(SampleSchema.StationTag, station)} AND {InfluxQl.Identifier(parameters[p].Code + "_count")} > 0 AND {InfluxQl.Range(from, to)}";
                using var document = await influx.QueryAsync(query, cancellationToken);
                foreach (var (_, row) in SeriesRows.Of(document))
                {
                    if (SeriesRows.Double(row[1]) is { } value)
                    {
                        inputs[p].Extremes.Add((DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()), value));
                    }
                }
            }
        }
    }

    private async Task TailAsync(string station, IReadOnlyList<Parameter> parameters, DayInputs[] inputs, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var present = parameters.Select(_ => new HashSet<DateTimeOffset>()).ToArray();
        var days = parameters.Select(_ => new SortedDictionary<DateTimeOffset, WindowStats>()).ToArray();
        await foreach (var row in series.ReadAsync(station, parameters, HistoryWindow.Hour, from, to, cancellationToken))
        {
            for (var p = 0; p < parameters.Count; p++)
            {
                var s = row.Stats[p];
                if (s.Total == 0)
                {
                    continue;
                }

                present[p].Add(row.Start);
                var day = ProvinceTime.StartOfDay(row.Start);
                days[p][day] = days[p].TryGetValue(day, out var known) ? known.Merge(s) : s;
                if (s.Valid > 0)
                {
                    inputs[p].Extremes.Add((row.Start, s.Max));
                    inputs[p].Extremes.Add((row.Start, s.Min));
                }
            }
        }

        for (var p = 0; p < parameters.Count; p++)
        {
            inputs[p].Days.AddRange(days[p].Select(d => new HourStats(d.Key, d.Value)));
            for (var hour = from; hour < to; hour = hour.AddHours(1))
            {
                if (!present[p].Contains(hour))
                {
                    inputs[p].EmptyHours.Add(hour);
                }
            }
        }
    }

    private static void AddDay(DayInputs input, DateTimeOffset day) => input.EmptyHours.AddRange(Enumerable.Range(0, 24).Select(h => day.AddHours(h)));
}
