using System.Runtime.CompilerServices;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Compliance;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Series;

/// <summary>
/// Folds raw pages (oldest first) into windows, one <see cref="WindowRow"/> per window that holds
/// any reading. Readings are sorted into valid and excluded by <see cref="ReadingValidity"/>.
/// </summary>
internal static class WindowAggregator
{
    public static async IAsyncEnumerable<WindowRow> AggregateAsync(
        IAsyncEnumerable<RawPage> pages, IReadOnlyList<Parameter> parameters, HistoryWindow window,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var negative = parameters.Select(p => RuleSettings.Default.NegativeAllowed.Contains(p.Code)).ToArray();
        DateTimeOffset? current = null;
        var stats = NewStats(parameters.Count);
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            for (var r = 0; r < page.Rows; r++)
            {
                var start = window.Floor(DateTimeOffset.FromUnixTimeMilliseconds(page.Time(r)));
                if (current != start)
                {
                    if (current is { } done)
                    {
                        yield return new WindowRow(done, stats);
                        stats = NewStats(parameters.Count);
                    }

                    current = start;
                }

                for (var p = 0; p < parameters.Count; p++)
                {
                    if (page.Has(r, p))
                    {
                        var value = page.Value(r, p);
                        stats[p] = stats[p].Add(ReadingValidity.Classify(value, page.Status(r, p), negative[p]), value);
                    }
                }
            }
        }

        if (current is { } last)
        {
            yield return new WindowRow(last, stats);
        }
    }

    private static WindowStats[] NewStats(int count)
    {
        var stats = new WindowStats[count];
        Array.Fill(stats, WindowStats.Empty);
        return stats;
    }
}
