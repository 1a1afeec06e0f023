using System.Buffers;
using System.Globalization;
using System.Text;
using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.History;

/// <summary>
/// CSV (RFC 4180, UTF-8, comma, header row, <c>\n</c> line ends) of raw readings or windows,
/// written a page at a time. Times are local RFC 3339 (+07:00); an empty cell is no value.
/// </summary>
internal static class HistoryCsv
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string RawHeader(IReadOnlyList<Parameter> parameters) =>
        "time," + string.Join(",", parameters.Select(p => $"{p.Code},{p.Code}_status")) + "\n";

    public static string WindowHeader(IReadOnlyList<Parameter> parameters, HistoryFunctions functions) =>
        "start," + string.Join(",", parameters.SelectMany(p => HistoryFunctionNames.All.Where(f => functions.HasFlag(f.Function)).Select(f => $"{p.Code}_{f.Name}"))) + "\n";

    public static string Time(long unixMs) => Time(DateTimeOffset.FromUnixTimeMilliseconds(unixMs));

    public static string Time(DateTimeOffset instant) => instant.ToOffset(ProvinceTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", C);

    /// <summary>Appends the page's rows that hold any of the parameters; returns how many.</summary>
    public static int AppendRaw(StringBuilder text, RawPage page)
    {
        var written = 0;
        for (var r = 0; r < page.Rows; r++)
        {
            var any = false;
            for (var p = 0; p < page.Parameters.Count && !any; p++)
            {
                any = page.Has(r, p);
            }

            if (!any)
            {
                continue;
            }

            text.Append(Time(page.Time(r)));
            for (var p = 0; p < page.Parameters.Count; p++)
            {
                text.Append(',');
                if (page.Has(r, p))
                {
                    text.Append(page.Value(r, p).ToString("R", C)).Append(',').Append(page.Status(r, p).ToString(C));
                }
                else
                {
                    text.Append(',');
                }
            }

            text.Append('\n');
            written++;
        }

        return written;
    }

    public static void AppendWindow(StringBuilder text, WindowRow row, HistoryFunctions functions)
    {
        text.Append(Time(row.Start));
        foreach (var s in row.Stats)
        {
            if (functions.HasFlag(HistoryFunctions.Mean))
            {
                text.Append(',').Append(s.Mean?.ToString("R", C));
            }

            if (functions.HasFlag(HistoryFunctions.Min))
            {
                text.Append(',').Append(s.Minimum?.ToString("R", C));
            }

            if (functions.HasFlag(HistoryFunctions.Max))
            {
                text.Append(',').Append(s.Maximum?.ToString("R", C));
            }

            if (functions.HasFlag(HistoryFunctions.Count))
            {
                text.Append(',').Append(s.Valid.ToString(C));
            }
        }

        text.Append('\n');
    }

    /// <summary>
    /// Writes and flushes what <paramref name="text"/> holds, then clears it; encodes through one
    /// pooled buffer, so a page never becomes a large string or array (no large-object-heap churn).
    /// </summary>
    public static async Task FlushAsync(Stream output, StringBuilder text, CancellationToken cancellationToken)
    {
        const int CharsPerWrite = 16 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(CharsPerWrite));
        try
        {
            foreach (var chunk in text.GetChunks())
            {
                for (var start = 0; start < chunk.Length; start += CharsPerWrite)
                {
                    var part = chunk.Slice(start, Math.Min(CharsPerWrite, chunk.Length - start));
                    var bytes = Encoding.UTF8.GetBytes(part.Span, buffer);
                    await output.WriteAsync(buffer.AsMemory(0, bytes), cancellationToken);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        text.Clear();
        await output.FlushAsync(cancellationToken);
    }
}
