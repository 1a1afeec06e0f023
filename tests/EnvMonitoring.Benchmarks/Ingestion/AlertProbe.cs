using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using EnvMonitoring.Benchmarks.Live;
using EnvMonitoring.Benchmarks.Measuring;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// Alert latency after a station-style run, on the same hosts and station connections: the first
/// <see cref="ProbesPerPark"/> stations of each park have a COD permit limit above anything the
/// workload sends, and each sends one reading over it, now, one every 100 ms. Latency runs from the
/// start of that publish to the <c>alert</c> (<c>opened</c>, COD) at a hub client subscribed to the
/// province. With one host the client is on it; in a cluster each park's alerts are timed at a
/// client on an instance that does not judge the park, so they cross the Redis backplane. The path is
/// issue #8's (broker → ingestion → InfluxDB write → rules → hub), measured here on a quiet host
/// rather than under <c>bench live</c>'s background load.
/// </summary>
internal static class AlertProbe
{
    public const int ProbesPerPark = 2;

    /// <summary>The probe stations' COD limit (mg/L): the workload's COD stays within 10-150.</summary>
    public const double CodLimit = 200;

    private const double ExceedingCod = 250;
    private const string Parameter = "COD";
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Whether workload station <paramref name="station"/> is a probe (it gets the COD limit).</summary>
    public static bool IsProbe(int station) => station % Workload.StationsPerPark < ProbesPerPark;

    /// <summary>
    /// Sends every probe's exceeding reading through its own station connection and times its alert.
    /// <paramref name="judges"/> says which host judges each park (every park → the host, alone).
    /// </summary>
    public static async Task<LatencyResult> MeasureAsync(
        Workload workload, IReadOnlyList<CloudHostProcess> hosts, IReadOnlyDictionary<string, CloudHostProcess> judges,
        IReadOnlyList<RawStationConnection> connections, IReadOnlyList<byte[]> topics, CancellationToken ct)
    {
        var published = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var latencies = new ConcurrentBag<double>();
        var clients = new List<HubConnection>();
        try
        {
            foreach (var host in hosts)
            {
                // Alone, a host watches its own parks; in a cluster, the parks the others judge.
                var watched = judges.Where(j => hosts.Count == 1 || j.Value != host).Select(j => j.Key).ToHashSet(StringComparer.Ordinal);
                var client = Connect(host);
                clients.Add(client);
                client.On<JsonElement>("alert", alert =>
                {
                    var now = Stopwatch.GetTimestamp();
                    if (alert.GetProperty("lastEvent").GetString() == "opened" && alert.GetProperty("parameter").GetString() == Parameter
                        && watched.Contains(alert.GetProperty("park").GetString()!)
                        && published.TryRemove(alert.GetProperty("station").GetString()!, out var at))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
                    }
                });
                await client.StartAsync(ct);
                await client.InvokeAsync<JsonElement>("Subscribe", "province", ct);
            }

            var probes = Enumerable.Range(0, ProbesPerPark)
                .SelectMany(k => Enumerable.Range(0, Workload.Parks).Select(park => (park * Workload.StationsPerPark) + k))
                .ToList();
            BenchLog.Step($"alert latency: {probes.Count} probe stations each send one COD reading over its limit, {Spacing.TotalMilliseconds:0} ms apart");
            var unpaced = new StoredLead(hosts, int.MaxValue, 0);
            var pids = hosts.Select(h => h.ProcessId).ToList();
            var cpuAtStart = pids.Sum(ProcessMeter.CpuSeconds);
            var clock = Stopwatch.StartNew();
            foreach (var station in probes)
            {
                var payload = SampleCodec.EncodeSample(Exceeding(workload.SampleAt(station)));
                published[Workload.StationOf(station)] = Stopwatch.GetTimestamp();
                await connections[station].PublishAllAsync([(topics[station], payload)], unpaced, ct);
                await Task.Delay(Spacing, ct);
            }

            var waiting = Stopwatch.StartNew();
            while (!published.IsEmpty && waiting.Elapsed < Patience)
            {
                await Task.Delay(50, ct);
            }

            var cores = (pids.Sum(ProcessMeter.CpuSeconds) - cpuAtStart) / clock.Elapsed.TotalSeconds;
            if (!published.IsEmpty)
            {
                BenchLog.Step($"alert latency: no alert within {Patience.TotalSeconds:0} s for {string.Join(", ", published.Keys.Order(StringComparer.Ordinal))}");
            }

            return LatencyResult.Of(latencies, cores);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>The workload's sample of the station with COD over the limit, measured now (after everything the run stored).</summary>
    private static Sample Exceeding(Sample template) =>
        new(template.Station, DateTimeOffset.UtcNow, [.. template.Readings.Select(r => r.Parameter.Code == Parameter ? r with { Value = ExceedingCod } : r)]);

    private static HubConnection Connect(CloudHostProcess host) => new HubConnectionBuilder()
        .WithUrl(new Uri(host.BaseAddress, "hubs/live"), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.Headers["Authorization"] = TestUsers.Viewer.BasicHeader.ToString();
        })
        .Build();
}
