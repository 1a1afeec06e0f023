using System.Diagnostics;
using EnvMonitoring.Benchmarks.Measuring;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// Between two scenarios: drops the finished scenario's database and waits until influxd is idle,
/// so the next scenario does not share the two cores with influxd compacting the last one's data
/// (after (a), that background work took a quarter of (b)'s run).
/// </summary>
internal static class InfluxSettling
{
    /// <summary>influxd counts as idle below this share of one core over <see cref="Window"/>.</summary>
    public const double IdleCores = 0.05;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(90);

    /// <returns>How long influxd took to go idle, or null when it did not within 90 s (the run goes on).</returns>
    public static async Task<TimeSpan?> SettleAsync(InfluxServer influx, string database, CancellationToken ct)
    {
        using (await influx.QueryAsync(database, $"DROP DATABASE \"{database}\"", ct))
        {
        }

        var pid = influx.ProcessId ?? throw new BenchFailedException("influxd is not running.");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Longest)
        {
            var before = ProcessMeter.CpuSeconds(pid);
            await Task.Delay(Window, ct);
            if ((ProcessMeter.CpuSeconds(pid) - before) / Window.TotalSeconds < IdleCores)
            {
                return clock.Elapsed;
            }
        }

        return null;
    }
}
