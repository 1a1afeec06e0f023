using System.Diagnostics;
using System.Globalization;
using System.Text;
using EnvMonitoring.Benchmarks.Ingestion;
using EnvMonitoring.Benchmarks.Measuring;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.Relay;

/// <summary>
/// <c>./envmon bench relay</c>: what relaying 500 stations every 5 minutes costs the cloud host.
/// One 5-minute interval of one-minute samples (6 parameters) of 500 stations in a private InfluxDB;
/// the host (a child process) relays them to a private SFTP server (sshd); the interval is made to
/// close about 45 s after the start (its settle delay), so the host is idle before. Prints the host's
/// CPU seconds for the cycle (reading, writing, staging, uploading 500 files) minus its idle rate.
/// </summary>
internal static class RelayBench
{
    private const string Database = "bench_relay";
    private const int Stations = 500;
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private static readonly string[] Codes = ["pH", "COD", "TSS", "NH4", "Temp", "FlowOut"];

    public static async Task<int> RunAsync(CancellationToken ct)
    {
        await using var influx = await InfluxServer.StartAsync(ct);
        await influx.CreateDatabaseAsync(Database, ct);
        await influx.GrantCloudAsync(Database, ct);
        await using var sftp = await SshdServer.StartAsync(ct: ct);

        var close = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(45);
        var start = Floor(close - Interval);
        var settle = close - (start + Interval);
        BenchLog.Step($"writing 5 minutes of one-minute samples of {Stations} stations ({start:HH:mm} UTC)…");
        var lines = new StringBuilder();
        for (var s = 0; s < Stations; s++)
        {
            for (var m = 0; m < 5; m++)
            {
                lines.Append(CultureInfo.InvariantCulture, $"sample,park=BenchPark,station=BR-{s:D3} ");
                lines.AppendJoin(',', Codes.Select((code, i) => string.Create(CultureInfo.InvariantCulture, $"{code}={7 + i + (s * 0.001) + (m * 0.01)}")));
                lines.Append(CultureInfo.InvariantCulture, $" {start.AddMinutes(m).ToUnixTimeMilliseconds()}\n");
            }
        }

        await influx.WriteAsync(Database, lines.ToString(), ct);

        const string D = "Relay__Destinations__0__";
        string[] settings =
        [
            $"{D}Name=bench", $"{D}Protocol=Sftp", $"{D}Host=127.0.0.1", $"{D}Port={sftp.Port.ToString(CultureInfo.InvariantCulture)}",
            $"{D}User={sftp.User}", $"{D}PrivateKeyPath={sftp.PrivateKeyPath}", $"{D}HostKeySha256={sftp.HostKeySha256}",
            $"{D}RemoteDirectory={sftp.Root}", $"{D}Interval={Interval}", $"{D}Settle={settle:c}",
            $"{D}Start={start.ToString("O", CultureInfo.InvariantCulture)}",
            .. Enumerable.Range(0, Stations).SelectMany(s => new[] { $"{D}Stations__{s}__Station=BR-{s:D3}", $"{D}Stations__{s}__Code=TN_BENCH_S{s:D3}" }),
        ];
        await using var host = await CloudHostProcess.StartAsync(influx, Database, $"bench-relay-{Guid.NewGuid():N}", ct, settings);

        // Idle rate: the 10 s before the interval closes.
        var idleFrom = close - TimeSpan.FromSeconds(12);
        if (DateTimeOffset.UtcNow > idleFrom)
        {
            throw new BenchFailedException("the host took too long to start: the interval closed before the idle window.");
        }

        await Task.Delay(idleFrom - DateTimeOffset.UtcNow, ct);
        var idleCpu = ProcessMeter.CpuSeconds(host.ProcessId);
        var idleClock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        var idleRate = (ProcessMeter.CpuSeconds(host.ProcessId) - idleCpu) / idleClock.Elapsed.TotalSeconds;

        await Task.Delay(close - DateTimeOffset.UtcNow is { Ticks: > 0 } left ? left : TimeSpan.Zero, ct);
        var cpu0 = ProcessMeter.CpuSeconds(host.ProcessId);
        var clock = Stopwatch.StartNew();
        BenchLog.Step("the interval closed; waiting for its 500 files…");
        while (Directory.GetFiles(sftp.Root, "*.txt").Length < Stations)
        {
            host.ThrowIfExited();
            if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new BenchFailedException($"only {Directory.GetFiles(sftp.Root, "*.txt").Length} of {Stations} files arrived in 3 minutes.");
            }

            await Task.Delay(50, ct);
        }

        var elapsed = clock.Elapsed;
        var spent = ProcessMeter.CpuSeconds(host.ProcessId) - cpu0;
        var cycle = spent - (idleRate * elapsed.TotalSeconds);
        host.ReportComplaints();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"relay: {Stations} stations × 6 parameters, one 5-minute cycle to SFTP: {Stations} files in {elapsed.TotalSeconds:0.0} s; " +
            $"host CPU {spent:0.00} s ({cycle:0.00} s above its idle {idleRate * 100:0.0} % of a core) = {cycle / Interval.TotalSeconds * 100:0.00} % of one core per 5 minutes"));
        return 0;
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % Interval.Ticks), TimeSpan.Zero);
}
