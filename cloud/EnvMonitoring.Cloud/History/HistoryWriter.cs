using System.Text;
using System.Text.Json;
using EnvMonitoring.Cloud.Series;

namespace EnvMonitoring.Cloud.History;

/// <summary>Streams a <see cref="HistoryQuery"/>'s answer as CSV or JSON into a stream, a page (or a batch of windows) at a time.</summary>
internal sealed class HistoryWriter(RawSampleReader raw, HistorySeries series)
{
    private const int WindowsPerFlush = 2_000;

    /// <summary>Writes the answer; returns the number of rows (readings or windows). Nothing is written before the first page is read.</summary>
    public async Task<long> WriteAsync(Stream output, HistoryQuery query, IProgress<DateTimeOffset>? progress, CancellationToken cancellationToken)
    {
        return query.Csv ? await CsvAsync(output, query, progress, cancellationToken) : await JsonAsync(output, query, progress, cancellationToken);
    }

    private async Task<long> CsvAsync(Stream output, HistoryQuery query, IProgress<DateTimeOffset>? progress, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        long rows = 0;
        if (query.Window == HistoryWindow.Raw)
        {
            text.Append(HistoryCsv.RawHeader(query.Parameters));
            await foreach (var page in raw.ReadAsync(query.Station, query.Parameters, query.From, query.To, cancellationToken))
            {
                rows += HistoryCsv.AppendRaw(text, page);
                await HistoryCsv.FlushAsync(output, text, cancellationToken);
                progress?.Report(page.Rows > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(page.Time(page.Rows - 1)) : query.From);
            }
        }
        else
        {
            text.Append(HistoryCsv.WindowHeader(query.Parameters, query.Functions));
            await foreach (var row in series.ReadAsync(query.Station, query.Parameters, query.Window, query.From, query.To, cancellationToken))
            {
                HistoryCsv.AppendWindow(text, row, query.Functions);
                if (++rows % WindowsPerFlush == 0)
                {
                    await HistoryCsv.FlushAsync(output, text, cancellationToken);
                    progress?.Report(row.Start);
                }
            }
        }

        await HistoryCsv.FlushAsync(output, text, cancellationToken);
        return rows;
    }

    private async Task<long> JsonAsync(Stream output, HistoryQuery query, IProgress<DateTimeOffset>? progress, CancellationToken cancellationToken)
    {
        // The writer buffers until FlushAsync, so an error before the first page leaves the response unstarted.
        await using var json = new Utf8JsonWriter(output);
        long rows = 0;
        HistoryJson.WriteStart(json, query);
        if (query.Window == HistoryWindow.Raw)
        {
            await foreach (var page in raw.ReadAsync(query.Station, query.Parameters, query.From, query.To, cancellationToken))
            {
                rows += HistoryJson.WriteRaw(json, page);
                await json.FlushAsync(cancellationToken);
                progress?.Report(page.Rows > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(page.Time(page.Rows - 1)) : query.From);
            }
        }
        else
        {
            await foreach (var row in series.ReadAsync(query.Station, query.Parameters, query.Window, query.From, query.To, cancellationToken))
            {
                HistoryJson.WriteWindow(json, query, row);
                if (++rows % WindowsPerFlush == 0)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }
        }

        HistoryJson.WriteEnd(json);
        await json.FlushAsync(cancellationToken);
        return rows;
    }
}
