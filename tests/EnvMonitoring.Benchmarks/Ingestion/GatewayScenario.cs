using System.Diagnostics;
using System.Globalization;
using EnvMonitoring.Benchmarks.Measuring;
using EnvMonitoring.Cloud.Seals;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// (b) The full pipeline, gateway-style: 20 emulated gateways, one MQTT connection each, publish
/// batches of 100 samples to the real cloud host's embedded broker; ingestion decodes, writes to
/// InfluxDB and acknowledges; each gateway keeps at most 16 batches unacknowledged (the edge
/// gateway's default <c>Gateway:Forwarding:Window</c>). A warm-up (a seal's worth of samples per
/// station the day before, then a tenth of the batches) runs before the clock starts. As shipped (<see cref="Id"/>) the gateways
/// connect over TLS, each as its own broker identity, and the append-only check is on; the
/// plaintext run (<see cref="PlainId"/>) takes those away to show what they cost, and the unsealed
/// run (<see cref="UnsealedId"/>) is (b) with the seals off, to show what sealing costs.
/// </summary>
internal sealed class GatewayScenario(InfluxServer influx, long values, string id)
{
    /// <summary>As shipped: TLS, authentication + ACL, append-only check.</summary>
    public const string Id = "b";

    /// <summary>The same with <see cref="Protection.Plaintext"/>.</summary>
    public const string PlainId = "b-plain";

    /// <summary>As shipped but without sealing (<c>Seals:Enabled=false</c>): the baseline of sealing's cost.</summary>
    public const string UnsealedId = "b-unsealed";

    public const int SamplesPerBatch = 100;
    /// <summary>As the edge gateway's <c>ForwardingOptions.Window</c> default.</summary>
    public const int Window = 16;

    private readonly string _id = id is Id or PlainId or UnsealedId ? id : throw new ArgumentOutOfRangeException(nameof(id), id, "not a gateway-style scenario");

    public async Task<ScenarioResult> RunAsync(CancellationToken ct)
    {
        var database = IngestionBench.DatabaseOf(_id);
        var workload = new Workload(values);
        using var protection = _id == PlainId ? Protection.Plaintext() : Protection.Shipped();
        string[] sealing = _id == UnsealedId ? ["Seals__Enabled=false"] : [];
        BenchLog.Step(_id, $"encoding {workload.SampleCount:N0} samples into gateway batches of {SamplesPerBatch}");
        var batches = Enumerable.Range(0, Workload.Parks).Select(p => Encode(workload, p)).ToList();
        var gateways = Enumerable.Range(0, Workload.Parks)
            .Select(p => new EmulatedGateway(Workload.ParkOf(p), Workload.GatewayOf(p), batches[p], Window, protection))
            .ToList();
        await influx.CreateDatabaseAsync(database, ct);
        BenchLog.Step(_id, $"starting the cloud host ({protection.Summary})");
        await using var host = await CloudHostProcess.StartAsync(
            influx,
            database,
            $"bench-{_id}",
            ct,
            [.. Workload.RegistryEnvironment(), .. protection.HostEnvironment(), .. sealing],
            protection.Clients(gateways.Select(g => g.Identity)),
            protection.Certificates);
        var warmUp = await WarmUpAsync(host, batches, database, protection, ct);
        try
        {
            foreach (var gateway in gateways)
            {
                await gateway.ConnectAsync(host, ct);
            }

            BenchLog.Step(_id, $"{gateways.Count} gateways sending {gateways.Sum(g => g.BatchCount):N0} batches, window {Window}");
            var influxPid = influx.ProcessId ?? throw new BenchFailedException("influxd is not running.");
            var clock = Stopwatch.StartNew();
            var cpu = CpuWindow.Start(host.ProcessId, influxPid);
            var watch = new ProgressWatch(
                _id,
                clock,
                _ =>
                {
                    var acknowledged = gateways.Sum(g => g.ValuesAcknowledged);
                    return Task.FromResult(new Progress(acknowledged, $"{acknowledged:N0} values acknowledged by the cloud"));
                },
                host.ThrowIfExited);
            await Supervision.RunAsync(
                async token =>
                {
                    await Task.WhenAll(gateways.Select(g => g.SendAllAsync(token)));
                    await StoredData.WaitForAsync(influx, database, workload.SampleCount, token);
                },
                watch.RunAsync,
                ct);
            var elapsed = clock.Elapsed;
            var spent = cpu.Stop();
            var peakRss = ProcessMeter.PeakRssBytes(host.ProcessId);
            var verified = await StoredData.VerifyAsync(influx, database, workload.SampleCount, ct);
            host.ReportComplaints();
            return new ScenarioResult(
                _id,
                $"gateway-style: 100-sample batches -> MQTT -> cloud host -> InfluxDB; {protection.Summary}{(_id == UnsealedId ? ", sealing off" : "")}",
                "cloud host",
                workload.ValueCount,
                workload.SampleCount,
                gateways.Sum(g => g.BatchCount),
                elapsed,
                spent,
                peakRss,
                verified,
                new Dictionary<string, string>
                {
                    ["protection"] = protection.Summary,
                    ["gateways"] = gateways.Count.ToString(CultureInfo.InvariantCulture),
                    ["samplesPerBatch"] = SamplesPerBatch.ToString(CultureInfo.InvariantCulture),
                    ["window"] = Window.ToString(CultureInfo.InvariantCulture),
                    ["duplicateAcks"] = gateways.Sum(g => g.DuplicateAcks).ToString(CultureInfo.InvariantCulture),
                    ["warmUpSamples"] = warmUp.ToString(CultureInfo.InvariantCulture),
                });
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Warms the host up before the clock starts, so its JIT has reached its optimized code (a
    /// long-running host's state) rather than being measured while it compiles. First the day before
    /// (points the run's counts leave out): enough samples that every station's book is sealed once
    /// (<see cref="SealsOptions.MaxItemsPerSeal"/>), since a tenth of the run alone never reaches a
    /// seal and sealing's code then compiled inside the measured run. Then the first tenth of every
    /// gateway's batches, which the measured run sends again: the same points, overwritten, so the
    /// final COUNT stays exact. Then it waits for the host and influxd to go idle. Returns the samples sent.
    /// </summary>
    private async Task<long> WarmUpAsync(CloudHostProcess host, List<List<GatewayBatchPayload>> batches, string database, Protection protection, CancellationToken ct)
    {
        var dayBefore = new Workload((long)Workload.StationCount * (new SealsOptions().MaxItemsPerSeal + 1) * Workload.ValuesPerSample, dayBefore: true);
        var prefixes = batches.Select(b => b.Take(Math.Max(1, b.Count / 10)).ToList()).ToList();
        var again = prefixes.Sum(p => p.Sum(b => (long)b.Values)) / Workload.ValuesPerSample;
        BenchLog.Step(_id, $"warming the host up with {dayBefore.SampleCount:N0} samples of the day before, then {again:N0} (sent again in the measured run)");
        await SendAsync(host, [.. Enumerable.Range(0, Workload.Parks).Select(p => Encode(dayBefore, p))], dayBefore.SampleCount, database, dayBefore.First, protection, ct);
        await SendAsync(host, prefixes, again, database, Workload.Start, protection, ct);
        var idle = await InfluxSettling.AfterWarmUpAsync(influx, host.ProcessId, ct);
        BenchLog.Step(_id, idle is { } took ? $"host and influxd idle {took.TotalSeconds:0} s after the warm-up" : "host or influxd still busy 90 s after the warm-up; measuring anyway");
        return dayBefore.SampleCount + again;
    }

    /// <summary>Sends each park's batches through a gateway of its own and waits until the <paramref name="samples"/> from <paramref name="since"/> on are stored.</summary>
    private async Task SendAsync(
        CloudHostProcess host, List<List<GatewayBatchPayload>> batches, long samples, string database, DateTimeOffset since, Protection protection, CancellationToken ct)
    {
        var gateways = batches.Select((p, i) => new EmulatedGateway(Workload.ParkOf(i), Workload.GatewayOf(i), p, Window, protection)).ToList();
        try
        {
            foreach (var gateway in gateways)
            {
                await gateway.ConnectAsync(host, ct);
            }

            await Task.WhenAll(gateways.Select(g => g.SendAllAsync(ct)));
            await StoredData.WaitForAsync(influx, database, samples, ct, since);
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }
        }
    }

    public static List<GatewayBatchPayload> Encode(Workload workload, int park)
    {
        var gateway = Workload.GatewayOf(park);
        return workload.IndicesOfPark(park)
            .Chunk(SamplesPerBatch)
            .Select((indices, n) =>
            {
                var samples = indices.Select(workload.SampleAt).ToArray();
                var payload = SampleCodec.EncodeBatch(new GatewayBatch(gateway, n + 1, samples));
                return new GatewayBatchPayload(n + 1, payload, samples.Length * Workload.ValuesPerSample);
            })
            .ToList();
    }
}
