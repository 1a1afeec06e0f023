using System.Diagnostics;
using System.Globalization;
using System.Text;
using EnvMonitoring.Benchmarks.Measuring;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// (c) The full pipeline, station-style: every sample is its own QoS 1 message on
/// <c>envmon/{park}/{station}/telemetry</c>, as from stations wired straight to the cloud. 200
/// stations share 10 connections (<see cref="RawStationConnection"/>: MQTT 3.1.1 on raw sockets, so
/// the publishers take little of the cores the host needs), each with up to 100 publishes in
/// flight, and all together stay at most 16,000 samples (as many as (b)'s windows hold) ahead of
/// what the host stored. A warm-up of a fifth of the messages runs before the clock starts.
/// </summary>
internal sealed class StationScenario(InfluxServer influx, long values)
{
    public const string Id = "c";
    public const int Connections = 10;
    public const int InFlightPerConnection = 100;
    public const int MaxLead = GatewayScenario.Window * GatewayScenario.SamplesPerBatch * Workload.Parks;

    public async Task<ScenarioResult> RunAsync(CancellationToken ct)
    {
        var database = IngestionBench.DatabaseOf(Id);
        var workload = new Workload(values);
        BenchLog.Step(Id, $"encoding {workload.SampleCount:N0} samples, one per message");
        var topics = Enumerable.Range(0, Workload.StationCount)
            .Select(s => Topics.Telemetry(Workload.ParkOf(s / Workload.StationsPerPark), Workload.StationOf(s)))
            .ToArray();
        // Connection c carries the stations s with s % Connections == c, so a station's samples stay in order.
        var topicBytes = topics.Select(Encoding.UTF8.GetBytes).ToArray();
        var messages = Enumerable.Range(0, Connections).Select(_ => new List<(byte[] Topic, byte[] Payload)>()).ToArray();
        for (var i = 0; i < workload.SampleCount; i++)
        {
            var station = i % Workload.StationCount;
            messages[station % Connections].Add((topicBytes[station], SampleCodec.EncodeSample(workload.SampleAt(i))));
        }

        await influx.CreateDatabaseAsync(database, ct);
        BenchLog.Step(Id, "starting the cloud host");
        // Not yet as shipped: the stations share 10 raw connections without identities (test-only anonymous).
        await using var host = await CloudHostProcess.StartAsync(influx, database, "bench-c", ct, Workload.RegistryEnvironment());
        var warmUp = await WarmUpAsync(host, database, messages, ct);
        var connections = await ConnectAsync(host, ct);
        try
        {

            BenchLog.Step(Id, $"{Workload.StationCount} stations on {Connections} connections publishing {workload.SampleCount:N0} messages, up to {InFlightPerConnection} in flight each");
            var influxPid = influx.ProcessId ?? throw new BenchFailedException("influxd is not running.");
            var clock = Stopwatch.StartNew();
            var cpu = CpuWindow.Start(host.ProcessId, influxPid);
            var lead = new StoredLead(host, MaxLead, warmUp);
            var watch = new ProgressWatch(
                Id,
                clock,
                _ =>
                {
                    var published = connections.Sum(c => c.Acknowledged);
                    var stored = lead.Stored - warmUp;
                    return Task.FromResult(new Progress(
                        published + stored,
                        $"{published * Workload.ValuesPerSample:N0} values published, {stored * Workload.ValuesPerSample:N0} stored"));
                },
                host.ThrowIfExited);
            await Supervision.RunAsync(
                async token =>
                {
                    using var pacing = CancellationTokenSource.CreateLinkedTokenSource(token);
                    var polling = lead.RunAsync(pacing.Token);
                    var publishing = Task.WhenAll(connections.Select((c, i) => c.PublishAllAsync(messages[i], lead, token)));
                    if (await Task.WhenAny(publishing, polling) == polling)
                    {
                        // Polling only ends by failing; its reason is the run's.
                        await polling;
                    }

                    await pacing.CancelAsync();
                    await Task.WhenAny(polling);
                    await publishing;
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
                "station-style: 1 sample per MQTT message -> cloud host -> InfluxDB",
                "cloud host",
                workload.ValueCount,
                workload.SampleCount,
                workload.SampleCount,
                elapsed,
                spent,
                peakRss,
                verified,
                new Dictionary<string, string>
                {
                    ["stations"] = Workload.StationCount.ToString(CultureInfo.InvariantCulture),
                    ["connections"] = Connections.ToString(CultureInfo.InvariantCulture),
                    ["inFlightPerConnection"] = InFlightPerConnection.ToString(CultureInfo.InvariantCulture),
                    ["messagesPerSecond"] = (workload.SampleCount / elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture),
                    ["maxLeadSamples"] = MaxLead.ToString(CultureInfo.InvariantCulture),
                    ["maxLeadSeen"] = lead.MaxLead.ToString(CultureInfo.InvariantCulture),
                    ["warmUpSamples"] = warmUp.ToString(CultureInfo.InvariantCulture),
                });
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<List<RawStationConnection>> ConnectAsync(CloudHostProcess host, CancellationToken ct)
    {
        var connections = Enumerable.Range(0, Connections).Select(_ => new RawStationConnection(InFlightPerConnection)).ToList();
        for (var c = 0; c < connections.Count; c++)
        {
            await connections[c].ConnectAsync(host.MqttPort, string.Create(CultureInfo.InvariantCulture, $"bench-stations-{c}"), ct);
        }

        return connections;
    }

    /// <summary>
    /// Publishes the first fifth of every connection's messages once before the clock starts, so the
    /// host's JIT has reached its optimized code (a long-running host's state) rather than being
    /// measured while it compiles. The measured run publishes them again: the same points,
    /// overwritten, so the final COUNT stays exact. Returns the samples sent.
    /// </summary>
    private async Task<long> WarmUpAsync(CloudHostProcess host, string database, List<(byte[] Topic, byte[] Payload)>[] messages, CancellationToken ct)
    {
        var prefixes = messages.Select(m => m.Take(m.Count / 5).ToList()).ToList();
        var samples = prefixes.Sum(p => (long)p.Count);
        BenchLog.Step(Id, $"warming the host up with {samples:N0} messages (sent again in the measured run)");
        var connections = await ConnectAsync(host, ct);
        try
        {
            using var pacing = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var lead = new StoredLead(host, MaxLead, 0);
            var polling = lead.RunAsync(pacing.Token);
            await Task.WhenAll(connections.Select((c, i) => c.PublishAllAsync(prefixes[i], lead, ct)));
            await pacing.CancelAsync();
            await Task.WhenAny(polling);
            await StoredData.WaitForAsync(influx, database, samples, ct);
            return samples;
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
