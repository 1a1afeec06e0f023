using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EnvMonitoring.Benchmarks.Ingestion;
using EnvMonitoring.Benchmarks.Measuring;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace EnvMonitoring.Benchmarks.Live;

/// <summary>
/// <c>./envmon bench live</c>, against the real cloud host as a process and a private InfluxDB:
/// (1) end-to-end alert latency — from the publish of an exceeding reading to the alert event at a
/// subscribed hub client — under a background of 10,000 readings/s (target p99 ≤ 500 ms);
/// (2) hub fan-out — 200 clients subscribed to the province while 5,000 stations report every 5 s:
/// delivered-update latency p50/p99 (target p99 ≤ 1 s) and the host's CPU.
/// </summary>
internal static class LiveBench
{
    private const string User = "bench";
    private const string Password = "bench-password-1";
    private static readonly string Authorization = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{User}:{Password}"));

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = LiveBenchSettings.Parse(args);
        await using var influx = await InfluxServer.StartAsync();
        var stationsFile = Path.Combine(Directory.CreateTempSubdirectory("envmon-bench-live-").FullName, "stations.json");
        await File.WriteAllTextAsync(stationsFile, StationsJson(settings.Stations, settings.Probes));
        // As shipped: HTTPS, and a park-scoped user (bound to every park, so it sees all the stations
        // through the scoped path: its connection joins each park's group, its snapshot is filtered).
        using var https = TestCertificates.Create();
        string[] environment =
        [
            $"StationsFile={stationsFile}",
            $"Security__Users__0__Name={User}",
            $"Security__Users__0__PasswordHash={PasswordHash.Create(Password)}",
            "Security__Users__0__Roles__0=viewer",
            .. Parks(settings).Select((park, i) => string.Create(CultureInfo.InvariantCulture, $"Security__Users__0__Parks__{i}={park}")),
            "Rules__WarmFrom=00:00:00",
        ];
        await using var cloud = await CloudHostProcess.StartAsync(influx, "live_bench", "bench-ingestion", CancellationToken.None, environment, https: https);
        var hubUrl = new Uri(cloud.BaseAddress, "/hubs/live");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live bench: {settings.Stations:N0} stations + {settings.Probes} probe stations registered; host pid {cloud.ProcessId}"));

        var alerts = await AlertLatencyAsync(cloud, hubUrl, settings);
        var fanOut = await FanOutAsync(cloud, hubUrl, settings);
        cloud.ReportComplaints();

        Console.WriteLine();
        Console.WriteLine("| scenario | samples | p50 ms | p99 ms | max ms | host CPU (cores) | target |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        Console.WriteLine(Row("alert latency, 10,000 readings/s background", alerts, 500));
        Console.WriteLine(Row($"hub fan-out, {settings.Clients} clients, {settings.Stations:N0} stations / 5 s", fanOut, 1000));
        var json = Path.Combine(Repository.Root, "TestResults", "bench", "live.json");
        Directory.CreateDirectory(Path.GetDirectoryName(json)!);
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { date = DateTimeOffset.UtcNow, settings, alerts, fanOut }, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"JSON: {json}");
        return alerts.Count == 0 || fanOut.Count == 0 ? BenchCommand.Failed : BenchCommand.Succeeded;
    }

    private static string Row(string name, LatencyResult r, double targetMs) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {r.Count:N0} | {r.P50:N0} | {r.P99:N0} | {r.Max:N0} | {r.HostCores:N2} | p99 ≤ {targetMs:N0} ms: {(r.P99 <= targetMs ? "PASS" : "MISS")} |");

    /// <summary>Probe stations each get one exceeding reading while the load stations report 10,000 readings/s.</summary>
    private static async Task<LatencyResult> AlertLatencyAsync(CloudHostProcess cloud, Uri hubUrl, LiveBenchSettings settings)
    {
        await using var hub = Connect(hubUrl, cloud.CaPath);
        var published = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var latencies = new ConcurrentBag<double>();
        hub.On<JsonElement>("alert", alert =>
        {
            var now = Stopwatch.GetTimestamp();
            if (alert.GetProperty("lastEvent").GetString() == "opened" && published.TryRemove(alert.GetProperty("station").GetString()!, out var at))
            {
                latencies.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("Subscribe", "province");

        await using var publisher = await StationPublisher.ConnectAsync(cloud.MqttPort, 8);
        using var stop = new CancellationTokenSource();
        // 10,000 readings/s = 1,250 samples of 8 values per second, round-robin over the load stations.
        var background = publisher.RunAsync(i => Load(i % settings.Stations), samplesPerSecond: 1250, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var cpu = CpuWindow(cloud.ProcessId);
        for (var p = 0; p < settings.Probes; p++)
        {
            var station = Probe(p);
            published[station] = Stopwatch.GetTimestamp();
            await publisher.PublishAsync(station, DateTimeOffset.UtcNow, 250);
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        var deadline = Stopwatch.StartNew();
        while (!published.IsEmpty && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        var cores = cpu();
        await stop.CancelAsync();
        var sent = await background;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"alert latency: {latencies.Count}/{settings.Probes} alerts received; background {sent:N0} samples ({publisher.Rate:N0} samples/s = {publisher.Rate * 8:N0} readings/s)"));
        return LatencyResult.Of(latencies, cores);
    }

    /// <summary>Many clients on the province while every station reports every 5 s; latency = receipt − measurement time.</summary>
    private static async Task<LatencyResult> FanOutAsync(CloudHostProcess cloud, Uri hubUrl, LiveBenchSettings settings)
    {
        var latencies = new ConcurrentBag<double>();
        var clients = new List<RawHubClient>();
        try
        {
            for (var c = 0; c < settings.Clients; c += 20)
            {
                clients.AddRange(await Task.WhenAll(Enumerable.Range(c, Math.Min(20, settings.Clients - c))
                    .Select(_ => RawHubClient.ConnectAsync(hubUrl, cloud.CaPath, Authorization, "province", latencies.Add))));
            }

            await using var publisher = await StationPublisher.ConnectAsync(cloud.MqttPort, 8);
            using var stop = new CancellationTokenSource();
            var load = publisher.RunAsync(i => Load(i % settings.Stations), samplesPerSecond: settings.Stations / 5.0, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(5));
            clients.ForEach(c => c.Measuring = true);
            var cpu = CpuWindow(cloud.ProcessId);
            await Task.Delay(settings.Duration);
            var cores = cpu();
            clients.ForEach(c => c.Measuring = false);
            await stop.CancelAsync();
            var sent = await load;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fan-out: {settings.Clients} clients, {sent:N0} samples published ({publisher.Rate:N0}/s), {latencies.Count:N0} station updates delivered while measuring"));
            return LatencyResult.Of(latencies, cores);
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static Func<double> CpuWindow(int pid)
    {
        var cpu = ProcessMeter.CpuSeconds(pid);
        var clock = Stopwatch.StartNew();
        return () => (ProcessMeter.CpuSeconds(pid) - cpu) / clock.Elapsed.TotalSeconds;
    }

    private static HubConnection Connect(Uri url, string? caPath) => new HubConnectionBuilder()
        .WithUrl(url, options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.Headers["Authorization"] = Authorization;
            if (caPath is not null)
            {
                options.WebSocketConfiguration = socket => socket.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    using var ca = TrustedCa.Load(caPath, "the bench's CA");
                    return ca.Accepts(certificate, chain, errors, checkName: true, out string _);
                };
            }
        })
        .Build();

    /// <summary>Every park of the bench's stations (see <see cref="StationsJson"/>).</summary>
    private static IEnumerable<string> Parks(LiveBenchSettings settings) =>
        Enumerable.Range(0, settings.Stations).Select(Load).Concat(Enumerable.Range(0, settings.Probes).Select(Probe)).Select(ParkOf).Distinct();

    private static string ParkOf(string station) => "Bench" + station[3..5];

    private static string Load(int i) => string.Create(CultureInfo.InvariantCulture, $"LD-{i:D5}");

    private static string Probe(int i) => string.Create(CultureInfo.InvariantCulture, $"PR-{i:D4}");

    private static string StationsJson(int stations, int probes)
    {
        static object Station(string id, double codMax) => new
        {
            Park = ParkOf(id),
            Station = id,
            Medium = "Water",
            ExpectedInterval = "00:00:05",
            Parameters = StationPublisher.Codes,
            Permit = new[] { new { Parameter = "COD", Max = codMax, Reference = "bench" } },
        };

        var all = Enumerable.Range(0, stations).Select(i => Station(Load(i), 1000))
            .Concat(Enumerable.Range(0, probes).Select(i => Station(Probe(i), 100)));
        return JsonSerializer.Serialize(new { Stations = all });
    }
}

/// <summary>Sizes of a live bench run: <c>--stations N --clients N --probes N --seconds N</c>.</summary>
internal sealed record LiveBenchSettings(int Stations, int Clients, int Probes, TimeSpan Duration)
{
    public static LiveBenchSettings Parse(string[] args)
    {
        int Int(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new LiveBenchSettings(Int("--stations", 5000), Int("--clients", 200), Int("--probes", 200), TimeSpan.FromSeconds(Int("--seconds", 30)));
    }
}

/// <summary>Latency percentiles in milliseconds and the host's CPU in cores over the window.</summary>
internal sealed record LatencyResult(int Count, double P50, double P99, double Max, double HostCores)
{
    public static LatencyResult Of(IEnumerable<double> latencies, double hostCores)
    {
        var sorted = latencies.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new LatencyResult(sorted.Length, At(0.5), At(0.99), sorted.Length == 0 ? double.NaN : sorted[^1], hostCores);
    }
}
