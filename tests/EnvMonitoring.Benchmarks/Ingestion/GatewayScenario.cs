using System.Diagnostics;
using System.Globalization;
using EnvMonitoring.Benchmarks.Measuring;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// (b) The full pipeline, gateway-style: 20 emulated gateways, one MQTT connection each, publish
/// batches of 100 samples to the real cloud host's embedded broker; ingestion decodes, writes to
/// InfluxDB and acknowledges; each gateway keeps at most 8 batches unacknowledged.
/// </summary>
internal sealed class GatewayScenario(InfluxServer influx, long values)
{
    public const string Id = "b";
    public const int SamplesPerBatch = 100;
    public const int Window = 8;

    public async Task<ScenarioResult> RunAsync(CancellationToken ct)
    {
        var database = IngestionBench.DatabaseOf(Id);
        var workload = new Workload(values);
        BenchLog.Step(Id, $"encoding {workload.SampleCount:N0} samples into gateway batches of {SamplesPerBatch}");
        var gateways = Enumerable.Range(0, Workload.Parks)
            .Select(p => new EmulatedGateway(Workload.ParkOf(p), Workload.GatewayOf(p), Encode(workload, p), Window))
            .ToList();
        await influx.CreateDatabaseAsync(database, ct);
        BenchLog.Step(Id, "starting the cloud host");
        await using var host = await CloudHostProcess.StartAsync(influx.BaseUri, database, "bench-b", ct);
        try
        {
            foreach (var gateway in gateways)
            {
                await gateway.ConnectAsync(host.MqttPort, ct);
            }

            BenchLog.Step(Id, $"{gateways.Count} gateways sending {gateways.Sum(g => g.BatchCount):N0} batches, window {Window}");
            var influxPid = influx.ProcessId ?? throw new BenchFailedException("influxd is not running.");
            var clock = Stopwatch.StartNew();
            var cpu = CpuWindow.Start(host.ProcessId, influxPid);
            var watch = new ProgressWatch(
                Id,
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
                Id,
                "gateway-style: 100-sample batches -> MQTT -> cloud host -> InfluxDB",
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
                    ["gateways"] = gateways.Count.ToString(CultureInfo.InvariantCulture),
                    ["samplesPerBatch"] = SamplesPerBatch.ToString(CultureInfo.InvariantCulture),
                    ["window"] = Window.ToString(CultureInfo.InvariantCulture),
                    ["duplicateAcks"] = gateways.Sum(g => g.DuplicateAcks).ToString(CultureInfo.InvariantCulture),
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

    private static List<GatewayBatchPayload> Encode(Workload workload, int park)
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
