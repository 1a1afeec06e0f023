using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EnvMonitoring.Benchmarks.History;
using EnvMonitoring.Benchmarks.Measuring;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// <c>./envmon bench soak [--minutes N]</c>: (b)'s 20 emulated gateways publish as fast as the cloud
/// host acknowledges, for N minutes (default 10), while the host's resident memory is read every
/// 5 s. The gateways replay the same 500,000 samples round after round (InfluxDB overwrites the
/// points), so the run saturates ingestion for as long as asked without growing the database, and
/// it still ends on an exact COUNT. Prints a line per minute, a verdict and JSON
/// (TestResults/bench/soak.json). The target (ingestion issue): peak RSS ≤ 300 MB at saturation,
/// flat over a 10-minute soak — here, the last minute's mean at most 5 % above the mean of the
/// half-way minute (the first minutes hold the start-up, the JIT and the GC finding its size).
/// </summary>
internal static class SoakBench
{
    public const long MaxRssBytes = 300L * 1024 * 1024;
    /// <summary>Flat: the last minute's mean RSS at most this fraction above the half-way minute's.</summary>
    public const double FlatGrowth = 0.05;
    private const int SampleSeconds = 5;
    private const long WorkloadValues = 4_000_000;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var minutes = 10;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--minutes" && i + 1 < args.Length && int.TryParse(args[++i], CultureInfo.InvariantCulture, out var m) && m >= 3)
            {
                minutes = m;
            }
            else
            {
                await Console.Error.WriteLineAsync("Usage: EnvMonitoring.Benchmarks soak [--minutes N]   (N ≥ 3, default 10)");
                return BenchCommand.UsageError;
            }
        }

        const string database = "soak";
        var workload = new Workload(WorkloadValues);
        BenchLog.Step("soak", $"encoding {workload.SampleCount:N0} samples into gateway batches of {GatewayScenario.SamplesPerBatch}");
        using var protection = Protection.AuthenticatedPlaintext();
        var gateways = Enumerable.Range(0, Workload.Parks)
            .Select(p => new EmulatedGateway(Workload.ParkOf(p), Workload.GatewayOf(p), GatewayScenario.Encode(workload, p), GatewayScenario.Window, protection))
            .ToList();
        await using var influx = await InfluxServer.StartAsync(ct);
        await influx.CreateDatabaseAsync(database, ct);
        await using var host = await CloudHostProcess.StartAsync(influx, database, "bench-soak", ct, Workload.RegistryEnvironment(), clients: [.. gateways.Select(g => g.Identity)]);
        var minutesSeen = new List<SoakMinute>();
        try
        {
            foreach (var gateway in gateways)
            {
                await gateway.ConnectAsync(host, ct);
            }

            BenchLog.Step("soak", $"{gateways.Count} gateways publishing at full speed for {minutes} min, window {GatewayScenario.Window}; host RSS read every {SampleSeconds} s");
            var duration = TimeSpan.FromMinutes(minutes);
            var sending = Task.WhenAll(gateways.Select(g => g.SendRepeatedlyAsync(duration, ct)));
            await SampleAsync(host, gateways, sending, minutesSeen, ct);
            await sending;
            await StoredData.WaitForAsync(influx, database, workload.SampleCount, ct);
            var verified = await StoredData.VerifyAsync(influx, database, workload.SampleCount, ct);
            host.ReportComplaints();
            return await ReportAsync(minutesSeen, ProcessMeter.PeakRssBytes(host.ProcessId), verified, minutes);
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }
        }
    }

    /// <summary>Every 5 s: RSS now; every minute: that minute's throughput, CPU and RSS (mean and max).</summary>
    private static async Task SampleAsync(CloudHostProcess host, List<EmulatedGateway> gateways, Task sending, List<SoakMinute> minutes, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var rss = new List<long>();
        var (lastValues, lastCpu, lastAt) = (0L, ProcessMeter.CpuSeconds(host.ProcessId), TimeSpan.Zero);
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(SampleSeconds));
        while (!sending.IsCompleted && await tick.WaitForNextTickAsync(ct))
        {
            host.ThrowIfExited();
            if (sending.IsCompleted)
            {
                // The gateways stopped inside this minute: a partial minute is not one of the soak's.
                break;
            }

            rss.Add(RssSampler.CurrentBytes(host.ProcessId));
            if (rss.Count * SampleSeconds < 60)
            {
                continue;
            }

            var values = gateways.Sum(g => g.ValuesAcknowledged);
            var cpu = ProcessMeter.CpuSeconds(host.ProcessId);
            var seconds = (clock.Elapsed - lastAt).TotalSeconds;
            var minute = new SoakMinute(minutes.Count + 1, (values - lastValues) / seconds, (cpu - lastCpu) / seconds, (long)rss.Average(), rss.Max());
            minutes.Add(minute);
            BenchLog.Step("soak", $"minute {minute.Minute,2}: {minute.ValuesPerSecond,9:N0} values/s, host {minute.HostCores:0.00} cores, RSS mean {minute.RssMeanBytes / 1048576.0:0} MB, max {minute.RssMaxBytes / 1048576.0:0} MB");
            (lastValues, lastCpu, lastAt) = (values, cpu, clock.Elapsed);
            rss.Clear();
        }
    }

    private static async Task<int> ReportAsync(List<SoakMinute> minutes, long peakRss, long verified, int asked)
    {
        if (minutes.Count < 3)
        {
            await Console.Error.WriteLineAsync("the soak ended before three minutes were measured.");
            return BenchCommand.Failed;
        }

        // Never the first minute: it holds the start-up.
        var half = minutes[Math.Max(1, (minutes.Count - 1) / 2)];
        var last = minutes[^1].RssMeanBytes;
        var growth = last - half.RssMeanBytes;
        var flat = growth <= half.RssMeanBytes * FlatGrowth;
        var peakOk = peakRss <= MaxRssBytes;
        Console.WriteLine();
        Console.WriteLine($"soak of {asked} min at saturation: {minutes.Average(m => m.ValuesPerSecond):N0} values/s on average, {verified:N0} distinct values verified");
        Console.WriteLine($"  host RSS mean, minute by minute (MB): {string.Join(' ', minutes.Select(m => (m.RssMeanBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"  minute {half.Minute} → minute {minutes[^1].Minute}: {half.RssMeanBytes / 1048576.0:0} → {last / 1048576.0:0} MB ({growth / 1048576.0:+0;-0;0} MB)   [flat (≤ +5 %): {(flat ? "PASS" : "MISS")}]");
        Console.WriteLine($"  host peak RSS {peakRss / 1048576.0:0} MB   [≤ 300 MB: {(peakOk ? "PASS" : "MISS")}]");
        var json = JsonSerializer.Serialize(
            new { minutes = asked, peakRssBytes = peakRss, verifiedValues = verified, flat, peakWithinTarget = peakOk, perMinute = minutes },
            new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        Console.WriteLine(json);
        var path = Path.Combine(Repository.Root, "TestResults", "bench", "soak.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, json + "\n");
        BenchLog.Step($"JSON written to {path}");
        return BenchCommand.Succeeded;
    }
}

/// <summary>One minute of a soak: acknowledged values per second, host CPU in cores, RSS mean and max of the 5 s readings.</summary>
internal sealed record SoakMinute(int Minute, double ValuesPerSecond, double HostCores, long RssMeanBytes, long RssMaxBytes);
