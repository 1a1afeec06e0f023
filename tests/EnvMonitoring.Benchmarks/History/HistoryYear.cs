using System.Globalization;
using System.Text;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.History;

/// <summary>
/// A year of one-minute samples of one wastewater station, 8 parameters per sample (525,600
/// samples, 4.2 M values), written as wide lines the way ingestion stores them (docs/storage.md),
/// with a calibration record every 997 minutes.
/// </summary>
internal static class HistoryYear
{
    public const string Park = "BenchPark";
    public const string Station = "BENCH-WWTP-01";
    public static readonly string[] Codes = ["pH", "Temp", "COD", "TSS", "NH4", "TN", "FlowIn", "FlowOut"];

    /// <summary>The year: 365 local days ending at the last local midnight.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Range()
    {
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var to = new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, TimeSpan.FromHours(7));
        return (to.AddDays(-365), to);
    }

    public static async Task<long> WriteAsync(InfluxServer influx, string database, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        const int LinesPerWrite = 10_000;
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder(LinesPerWrite * 160);
        var lines = 0L;
        var minutes = (long)(to - from).TotalMinutes;
        for (var i = 0L; i < minutes; i++)
        {
            var t = from.AddMinutes(i).ToUnixTimeMilliseconds();
            var day = i / 1440.0;
            var cod = 70 + (40 * Math.Sin(day / 9)) + (10 * Math.Sin(i / 37.0));
            text.Append(c, $"sample,park={Park},station={Station} pH={7 + (0.4 * Math.Sin(i / 90.0)):0.###},Temp={27 + (3 * Math.Sin(day / 58)):0.##},COD={cod:0.##}");
            if (i % 997 == 0)
            {
                text.Append(",COD_status=1i");
            }

            text.Append(c, $",TSS={40 + (15 * Math.Sin(i / 53.0)):0.##},NH4={4 + (2 * Math.Sin(i / 71.0)):0.###},TN={18 + (5 * Math.Sin(i / 61.0)):0.##}");
            text.Append(c, $",FlowIn={120 + (30 * Math.Sin(i / 120.0)):0.#},FlowOut={118 + (30 * Math.Sin(i / 120.0)):0.#},seq={i}i {t}\n");
            if (++lines % LinesPerWrite == 0)
            {
                await influx.WriteAsync(database, text.ToString(), ct);
                text.Clear();
            }
        }

        if (text.Length > 0)
        {
            await influx.WriteAsync(database, text.ToString(), ct);
        }

        return lines;
    }
}
