using System.Globalization;

namespace EnvMonitoring.Benchmarks.Measuring;

/// <summary>
/// CPU time and peak memory of any process, read from Linux's <c>/proc</c>, so the benchmark
/// measures a child process (the cloud host, influxd) exactly as it measures itself.
/// </summary>
internal static class ProcessMeter
{
    private static readonly long ClockTicksPerSecond = ReadClockTicks();

    /// <summary>User plus system CPU seconds the process has used so far (utime + stime of <c>/proc/&lt;pid&gt;/stat</c>).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces; fields count from after it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (double)(utime + stime) / ClockTicksPerSecond;
    }

    /// <summary>
    /// Waits until every one of <paramref name="pids"/> uses less than <paramref name="idleCores"/> of a
    /// core over a second; returns how long that took, or null when they were not idle within
    /// <paramref name="longest"/>.
    /// </summary>
    public static async Task<TimeSpan?> WaitIdleAsync(IReadOnlyList<int> pids, double idleCores, TimeSpan longest, CancellationToken ct)
    {
        var window = TimeSpan.FromSeconds(1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < longest)
        {
            var before = pids.Select(CpuSeconds).ToArray();
            await Task.Delay(window, ct);
            if (pids.Select((pid, i) => (CpuSeconds(pid) - before[i]) / window.TotalSeconds).All(cores => cores < idleCores))
            {
                return clock.Elapsed;
            }
        }

        return null;
    }

    /// <summary>The peak resident set size so far (<c>VmHWM</c> of <c>/proc/&lt;pid&gt;/status</c>), in bytes.</summary>
    public static long PeakRssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                // "VmHWM:	  123456 kB"
                var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmHWM line.");
    }

    private static long ReadClockTicks()
    {
        var ticks = NativeMethods.Sysconf(NativeMethods.ScClkTck);
        // 100 on every Linux that has shipped in decades; trust it only when sysconf gives nothing.
        return ticks > 0 ? ticks : 100;
    }
}
