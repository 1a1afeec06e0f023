using System.Runtime.CompilerServices;
using EnvMonitoring.Cloud.Rollups;
using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.History;

/// <summary>
/// Aggregated series of a station: 1 min and 15 min windows are folded from raw data; 1 h and
/// local-day windows come from the rollups for every window that ended before the rollup
/// service's last pass (<see cref="RollupStatus.CompleteBefore"/>), and from raw data after it.
/// </summary>
internal sealed class HistorySeries(RawSampleReader raw, RollupStore rollups, RollupStatus status)
{
    /// <summary>Windows of [from, to) (aligned to the window), oldest first, only those holding a reading.</summary>
    public async IAsyncEnumerable<WindowRow> ReadAsync(
        string station, IReadOnlyList<Parameter> parameters, HistoryWindow window, DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rawFrom = from;
        if (window is HistoryWindow.Hour or HistoryWindow.Day && status.CompleteBefore is { } complete)
        {
            // Windows that ended by the last pass started: whole hours (or local days) before it.
            var rolledUpTo = window == HistoryWindow.Hour ? ProvinceTime.StartOfHour(complete) : ProvinceTime.StartOfDay(complete);
            if (rolledUpTo > to)
            {
                rolledUpTo = to;
            }

            if (rolledUpTo > from)
            {
                var measurement = window == HistoryWindow.Hour ? RollupSchema.Hourly : RollupSchema.Daily;
                await foreach (var row in rollups.ReadAsync(measurement, station, parameters, from, rolledUpTo, cancellationToken))
                {
                    if (row.HasReadings)
                    {
                        yield return row;
                    }
                }

                rawFrom = rolledUpTo;
            }
        }

        if (rawFrom < to)
        {
            await foreach (var row in WindowAggregator.AggregateAsync(raw.ReadAsync(station, parameters, rawFrom, to, cancellationToken), parameters, window, cancellationToken))
            {
                yield return row;
            }
        }
    }

    /// <summary>How a series is read, for an export manifest or a report's provenance.</summary>
    public string Describe(string station, IReadOnlyList<Parameter> parameters, HistoryWindow window, DateTimeOffset from, DateTimeOffset to)
    {
        var rawQuery = RawSampleReader.Query(station, parameters, from, to);
        if (window is HistoryWindow.Hour or HistoryWindow.Day)
        {
            var measurement = window == HistoryWindow.Hour ? RollupSchema.Hourly : RollupSchema.Daily;
            return $"{rollups.Query(measurement, station, parameters, from, to)} -- for windows that ended before {status.CompleteBefore:O}; later windows from: {rawQuery}";
        }

        return rawQuery;
    }
}
