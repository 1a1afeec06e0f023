using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Benchmarks.Ingestion;
using EnvMonitoring.Benchmarks.Measuring;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.History;

/// <summary>
/// <c>./envmon bench history</c>: a year of one-minute data of one station (8 parameters) in a
/// private InfluxDB; the cloud host (a child process) rolls it up; then hourly means for the year
/// and the year's daily-mean compliance report, each the median of 5 timed requests (target ≤ 1 s),
/// and the full year's raw CSV and evidence ZIP streamed while the host's resident memory is
/// sampled (target &lt; 200 MB). Prints a table, then JSON (also TestResults/bench/history.json).
/// </summary>
internal static class HistoryBench
{
    private const string Database = "bench_history";
    private const string User = "bench-inspector";
    private const int Runs = 5;
    private static readonly TimeSpan QueryTarget = TimeSpan.FromSeconds(1);
    private const long MemoryTargetBytes = 200L * 1024 * 1024;

    public static async Task<int> RunAsync(CancellationToken ct)
    {
        var rows = new List<(string Step, string Figure, string Target, bool? Met)>();
        var json = new Dictionary<string, object?>();
        await using var influx = await InfluxServer.StartAsync(ct);
        await influx.CreateDatabaseAsync(Database, ct);
        var (from, to) = HistoryYear.Range();
        BenchLog.Step($"writing a year of one-minute samples ({from:yyyy-MM-dd} to {to:yyyy-MM-dd}, 8 values each)…");
        var clock = Stopwatch.StartNew();
        var samples = await HistoryYear.WriteAsync(influx, Database, from, to, ct);
        var load = clock.Elapsed;
        rows.Add(("load a year (InfluxDB writes)", $"{samples:N0} samples, {samples * 8:N0} values in {load.TotalSeconds:0.0} s", "", null));
        json["samples"] = samples;
        json["loadSeconds"] = load.TotalSeconds;

        var password = "bench-" + Guid.NewGuid().ToString("N");
        string[] settings =
        [
            $"Stations__0__Park={HistoryYear.Park}", $"Stations__0__Station={HistoryYear.Station}", "Stations__0__Medium=Water",
            "Stations__0__ExpectedInterval=00:01:00", "Stations__0__Regulation=QCVN 40:2011/BTNMT", "Stations__0__Column=B",
            "Stations__0__Site__dischargeM3PerDay=3000", "Stations__0__Site__riverDrySeasonFlowM3PerS=100",
            .. HistoryYear.Codes.Select((code, i) => $"Stations__0__Parameters__{i}={code}"),
            $"Security__Users__0__Name={User}", $"Security__Users__0__PasswordHash={PasswordHash.Create(password)}", "Security__Users__0__Roles__0=inspector",
            "Rollups__Interval=01:00:00",
        ];
        clock.Restart();
        var backfillHost = await CloudHostProcess.StartAsync(influx, Database, $"bench-history-{Guid.NewGuid():N}", ct, settings);
        long hoursRolled;
        await using (backfillHost)
        {
            using var first = Client(backfillHost, password);
            BenchLog.Step("waiting for the host's first rollup pass over the year…");
            hoursRolled = await WaitForRollupsAsync(first, backfillHost, ct);
            var rollup = clock.Elapsed;
            var backfillRss = ProcessMeter.PeakRssBytes(backfillHost.ProcessId);
            rows.Add(("rollups (host start + first pass)", $"{hoursRolled:N0} hours in {rollup.TotalSeconds:0.0} s; that host's peak RSS {backfillRss / 1048576.0:0} MB", "", null));
            json["rollupSeconds"] = rollup.TotalSeconds;
            json["hoursRolledUp"] = hoursRolled;
            json["backfillHostPeakRssBytes"] = backfillRss;
        }

        // Queries and exports run on a host in its steady state: the year-long backfill is a one-off.
        BenchLog.Step("restarting the host (rollups are kept) and waiting for its first pass…");
        await using var host = await CloudHostProcess.StartAsync(influx, Database, $"bench-history-{Guid.NewGuid():N}", ct, settings);
        using var http = Client(host, password);
        await WaitForRollupsAsync(http, host, ct);

        var range = $"from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";
        var station = HistoryYear.Station;
        foreach (var (name, url, expectRows) in new[]
        {
            ("hourly means, a year, COD", $"api/history?station={station}&param=COD&window=1h&fn=mean&{range}", 8760),
            ("hourly means, a year, 8 parameters", $"api/history?station={station}&param={string.Join(',', HistoryYear.Codes)}&window=1h&fn=mean,min,max,count&{range}", 8760),
            ("daily-mean report, a year", $"api/reports/compliance?station={station}&{range}", 0),
        })
        {
            var (median, all, check) = await TimeAsync(http, url, expectRows, ct);
            rows.Add((name + " (median of 5)", $"{median.TotalMilliseconds:0} ms ({string.Join(", ", all.Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))}; {check})", "≤ 1000 ms", median <= QueryTarget));
            json[Key(name)] = new { medianMs = median.TotalMilliseconds, runsMs = all.Select(t => t.TotalMilliseconds).ToArray(), check };
        }

        foreach (var (name, url) in new[]
        {
            ("raw CSV, a year, 8 parameters", $"api/history?station={station}&param={string.Join(',', HistoryYear.Codes)}&window=raw&format=csv&{range}"),
            ("evidence ZIP, a year, 8 parameters", $"api/export?station={station}&{range}"),
        })
        {
            var before = RssSampler.CurrentBytes(host.ProcessId);
            await using var sampler = new RssSampler(host.ProcessId);
            clock.Restart();
            var (bytes, lines) = await DrainAsync(http, url, ct);
            var seconds = clock.Elapsed.TotalSeconds;
            var peak = sampler.PeakBytes;
            rows.Add((name + " streamed", $"{bytes / 1e6:0.0} MB, {lines:N0} lines in {seconds:0.0} s; host RSS {before / 1048576.0:0} MB before, peak {peak / 1048576.0:0} MB", "< 200 MB", peak < MemoryTargetBytes));
            json[Key(name)] = new { bytes, lines, seconds, rssBeforeBytes = before, peakRssBytes = peak };
        }

        json["hostPeakRssLifetimeBytes"] = ProcessMeter.PeakRssBytes(host.ProcessId);
        json["managed"] = await ManagedMemoryAsync(http, ct);
        host.ReportComplaints();
        Print(rows, json);
        return BenchCommand.Succeeded;
    }

    private static HttpClient Client(CloudHostProcess host, string password)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.HttpPort}/"), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{password}")));
        return http;
    }

    private static async Task<long> WaitForRollupsAsync(HttpClient http, CloudHostProcess host, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            host.ThrowIfExited();
            using var response = await http.GetAsync(new Uri("api/rollups", UriKind.Relative), ct);
            response.EnsureSuccessStatusCode();
            using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            if (status.RootElement.GetProperty("passes").GetInt64() >= 1)
            {
                return status.RootElement.GetProperty("hoursRecomputed").GetInt64();
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(15))
            {
                throw new BenchFailedException($"no rollup pass ended within 15 minutes: {status.RootElement}");
            }

            await Task.Delay(250, ct);
        }
    }

    private static async Task<(TimeSpan Median, List<TimeSpan> All, string Check)> TimeAsync(HttpClient http, string url, int expectRows, CancellationToken ct)
    {
        var times = new List<TimeSpan>();
        var check = "";
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri(url, UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            times.Add(clock.Elapsed);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchFailedException($"{url} answered {(int)response.StatusCode}: {body}");
            }

            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            check = root.TryGetProperty("points", out var points)
                ? $"{points.GetArrayLength()} windows"
                : $"{root.GetProperty("parameters")[0].GetProperty("windows").GetInt32()} days, {root.GetProperty("parameters").EnumerateArray().Sum(p => p.GetProperty("exceedanceCount").GetInt32())} exceedances";
            if (expectRows > 0 && points.GetArrayLength() != expectRows)
            {
                throw new BenchFailedException($"{url} returned {points.GetArrayLength()} windows, expected {expectRows}.");
            }
        }

        return (times.Order().ElementAt(Runs / 2), times, check);
    }

    private static async Task<(long Bytes, long Lines)> DrainAsync(HttpClient http, string url, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailedException($"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return (bytes, lines);
    }

    /// <summary>The host's own GC figures from <c>/metrics</c> (OpenTelemetry runtime instrumentation), whatever names it uses.</summary>
    private static async Task<Dictionary<string, double>> ManagedMemoryAsync(HttpClient http, CancellationToken ct)
    {
        var text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), ct);
        var figures = new Dictionary<string, double>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith('#') && line.Contains("gc", StringComparison.Ordinal) && (line.Contains("heap", StringComparison.Ordinal) || line.Contains("committed", StringComparison.Ordinal)))
            {
                var cut = line.LastIndexOf(' ');
                if (cut > 0 && double.TryParse(line[(cut + 1)..], CultureInfo.InvariantCulture, out var value))
                {
                    figures[line[..cut]] = value;
                }
            }
        }

        return figures;
    }

    private static string Key(string name) => string.Concat(name.Split([' ', ',', '-'], StringSplitOptions.RemoveEmptyEntries).Select((w, i) => i == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    private static void Print(List<(string Step, string Figure, string Target, bool? Met)> rows, Dictionary<string, object?> json)
    {
        var width = rows.Max(r => r.Step.Length);
        Console.WriteLine($"{"step".PadRight(width)}  figure");
        foreach (var (step, figure, target, met) in rows)
        {
            var verdict = met is null ? "" : $"  [{target}: {(met.Value ? "PASS" : "MISSED")}]";
            Console.WriteLine($"{step.PadRight(width)}  {figure}{verdict}");
        }

        var text = JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(text);
        var path = Path.Combine(Repository.Root, "TestResults", "bench", "history.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
