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
    /// <summary>influxd counts as idle below this share of one core over a second.</summary>
    public const double IdleCores = 0.05;

    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(90);

    /// <returns>How long influxd took to go idle, or null when it did not within 90 s (the run goes on).</returns>
    public static async Task<TimeSpan?> SettleAsync(InfluxServer influx, string database, CancellationToken ct)
    {
        using (await influx.QueryAsync(database, $"DROP DATABASE \"{database}\"", ct))
        {
        }

        var pid = influx.ProcessId ?? throw new BenchFailedException("influxd is not running.");
        return await ProcessMeter.WaitIdleAsync([pid], IdleCores, Longest, ct);
    }

    /// <summary>
    /// After a warm-up: waits until the host and influxd are idle, so the measured run starts where a
    /// long-running host is (its JIT done compiling what the warm-up made hot, influxd done with the
    /// warm-up's data) and neither scenario is charged for the other's leftover background work.
    /// </summary>
    /// <returns>How long that took, or null when they were not idle within 90 s (the run goes on).</returns>
    public static Task<TimeSpan?> AfterWarmUpAsync(InfluxServer influx, int hostPid, CancellationToken ct) =>
        ProcessMeter.WaitIdleAsync([hostPid, influx.ProcessId ?? throw new BenchFailedException("influxd is not running.")], IdleCores, Longest, ct);
}
