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
/// <c>envmon/{park}/{station}/telemetry</c>, as from stations wired straight to the cloud. Each of
/// the 200 stations has a connection of its own (<see cref="RawStationConnection"/>: MQTT 3.1.1 on
/// raw sockets, so the publishers take little of the cores the host needs), as real stations do,
/// since a station's identity may publish only its own topics; each keeps up to 5 publishes in
/// flight (1,000 in all), and all together stay at most 32,000 samples (as many as (b)'s windows
/// hold) ahead of what the host stored. A warm-up of a fifth of the messages runs on the same
/// connections before the clock starts. As shipped (<see cref="Id"/>) the stations connect over
/// TLS, each as its own broker identity, and the append-only check is on; the plaintext run
/// (<see cref="PlainId"/>) has the same 200 connections without those protections. The cluster run
/// (<see cref="ClusterId"/>, issue #20) sends the same through mosquitto to two instances sharing the
/// 20 parks (<see cref="StationHosts.ClusterAsync"/>), the lead counted over both. After the COUNT
/// every run times alerts on the same hosts and connections (<see cref="AlertProbe"/>).
/// </summary>
internal sealed class StationScenario(InfluxServer influx, long values, string id)
{
    /// <summary>As shipped: TLS, authentication + ACL, append-only check.</summary>
    public const string Id = "c";

    /// <summary>The same with <see cref="Protection.Plaintext"/>.</summary>
    public const string PlainId = "c-plain";

    /// <summary>Two instances sharing the parks through mosquitto and Redis.</summary>
    public const string ClusterId = "d";

    public const int Connections = Workload.StationCount;
    public const int InFlightPerConnection = 5;
    public const int MaxLead = GatewayScenario.Window * GatewayScenario.SamplesPerBatch * Workload.Parks;

    /// <summary>Connections set up at once: the host checks each password with 100,000 PBKDF2 rounds.</summary>
    private const int ConnectingAtOnce = 4;

    private readonly string _id = id is Id or PlainId or ClusterId ? id : throw new ArgumentOutOfRangeException(nameof(id), id, "not a station-style scenario");

    public async Task<ScenarioResult> RunAsync(CancellationToken ct)
    {
        var database = IngestionBench.DatabaseOf(_id);
        var workload = new Workload(values);
        using var protection = _id switch
        {
            Id => Protection.Shipped(),
            PlainId => Protection.Plaintext(),
            _ => Protection.ExternalBroker(),
        };
        BenchLog.Step(_id, $"encoding {workload.SampleCount:N0} samples, one per message");
        var parks = Enumerable.Range(0, Workload.StationCount).Select(s => Workload.ParkOf(s / Workload.StationsPerPark)).ToArray();
        var topicBytes = Enumerable.Range(0, Workload.StationCount)
            .Select(s => Encoding.UTF8.GetBytes(Topics.Telemetry(parks[s], Workload.StationOf(s))))
            .ToArray();
        // Connection s is station s's own, so a station's samples stay in order.
        var messages = Enumerable.Range(0, Connections).Select(_ => new List<(byte[] Topic, byte[] Payload)>()).ToArray();
        for (var i = 0; i < workload.SampleCount; i++)
        {
            var station = i % Workload.StationCount;
            messages[station].Add((topicBytes[station], SampleCodec.EncodeSample(workload.SampleAt(i))));
        }

        var identities = Enumerable.Range(0, Workload.StationCount).Select(s => TestBrokerClient.ForStation(parks[s], Workload.StationOf(s))).ToArray();
        await influx.CreateDatabaseAsync(database, ct);
        string[] environment = [.. Workload.RegistryEnvironment(alertProbes: true), .. TestUsers.Viewer.Settings(0, "__").Select(kv => $"{kv.Key}={kv.Value}")];
        await using var hosts = await StartHostsAsync(database, protection, environment, identities, ct);
        var connections = Enumerable.Range(0, Connections).Select(_ => new RawStationConnection(InFlightPerConnection)).ToList();
        try
        {
            BenchLog.Step(_id, $"connecting {Connections} stations");
            await Parallel.ForEachAsync(
                Enumerable.Range(0, Connections),
                new ParallelOptions { MaxDegreeOfParallelism = ConnectingAtOnce, CancellationToken = ct },
                async (s, token) =>
                {
                    var identity = identities[s];
                    await connections[s].ConnectAsync(
                        hosts.BrokerPort,
                        $"envmon-{identity.Username}",
                        protection.Authenticated ? identity.Username : null,
                        protection.Authenticated ? identity.Password : null,
                        protection,
                        token);
                });
            var warmUp = await WarmUpAsync(hosts.Hosts, database, connections, messages, ct);
            BenchLog.Step(_id, $"{Workload.StationCount} stations, a connection each, publishing {workload.SampleCount:N0} messages, up to {InFlightPerConnection} in flight each");
            var influxPid = influx.ProcessId ?? throw new BenchFailedException("influxd is not running.");
            var clock = Stopwatch.StartNew();
            var cpu = CpuWindow.Start(hosts.Hosts.Select(h => h.ProcessId), influxPid);
            var brokerCpuAtStart = hosts.BrokerProcessId is { } broker ? ProcessMeter.CpuSeconds(broker) : 0;
            var lead = new StoredLead(hosts.Hosts, MaxLead, warmUp);
            var watch = new ProgressWatch(
                _id,
                clock,
                _ =>
                {
                    var published = connections.Sum(c => c.Acknowledged) - warmUp;
                    var stored = lead.Stored - warmUp;
                    return Task.FromResult(new Progress(
                        published + stored,
                        $"{published * Workload.ValuesPerSample:N0} values published, {stored * Workload.ValuesPerSample:N0} stored"));
                },
                hosts.ThrowIfExited);
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
            var brokerCpu = hosts.BrokerProcessId is { } brokerPid ? ProcessMeter.CpuSeconds(brokerPid) - brokerCpuAtStart : (double?)null;
            var peaks = hosts.Hosts.Select(h => ProcessMeter.PeakRssBytes(h.ProcessId)).ToList();
            var peakRss = peaks.Max();
            var verified = await StoredData.VerifyAsync(influx, database, workload.SampleCount, ct);
            var judges = _id == ClusterId ? await hosts.OwnersAsync(Workload.AllParks, ct) : Workload.AllParks.ToDictionary(p => p, _ => hosts.Hosts[0], StringComparer.Ordinal);
            var alerts = await AlertProbe.MeasureAsync(workload, hosts.Hosts, judges, connections, topicBytes, ct);
            hosts.ReportComplaints();
            return new ScenarioResult(
                _id,
                _id == ClusterId
                    ? $"station-style through {StationHosts.ClusterSize} instances sharing the parks: 1 sample per MQTT message -> mosquitto -> the park's instance -> InfluxDB; {protection.Summary}; mosquitto {brokerCpu / (workload.ValueCount / 1e6):0.00} CPU s/M values"
                    : $"station-style: 1 sample per MQTT message -> cloud host -> InfluxDB; {protection.Summary}",
                _id == ClusterId ? $"{StationHosts.ClusterSize} instances" : "cloud host",
                workload.ValueCount,
                workload.SampleCount,
                workload.SampleCount,
                elapsed,
                spent,
                peakRss,
                verified,
                new Dictionary<string, string>
                {
                    ["protection"] = protection.Summary,
                    ["stations"] = Workload.StationCount.ToString(CultureInfo.InvariantCulture),
                    ["connections"] = Connections.ToString(CultureInfo.InvariantCulture),
                    ["inFlightPerConnection"] = InFlightPerConnection.ToString(CultureInfo.InvariantCulture),
                    ["messagesPerSecond"] = (workload.SampleCount / elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture),
                    ["maxLeadSamples"] = MaxLead.ToString(CultureInfo.InvariantCulture),
                    ["maxLeadSeen"] = lead.MaxLead.ToString(CultureInfo.InvariantCulture),
                    ["warmUpSamples"] = warmUp.ToString(CultureInfo.InvariantCulture),
                    ["instances"] = hosts.Hosts.Count.ToString(CultureInfo.InvariantCulture),
                    ["peakRssPerInstanceMegabytes"] = string.Join(",", peaks.Select(p => (p / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture))),
                    ["mosquittoCpuSeconds"] = brokerCpu?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-",
                },
                alerts);
        }
        catch (BenchFailedException)
        {
            // What the hosts logged is the first clue to a stall or a wrong count.
            hosts.ReportComplaints();
            throw;
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Publishes the first fifth of every station's messages once before the clock starts, so the
    /// host's JIT has reached its optimized code (a long-running host's state) rather than being
    /// measured while it compiles. The measured run publishes them again: the same points, written
    /// again with the same content (which the append-only check lets through), so the final COUNT
    /// stays exact. Returns the samples sent.
    /// </summary>
    private async Task<long> WarmUpAsync(IReadOnlyList<CloudHostProcess> hosts, string database, List<RawStationConnection> connections, List<(byte[] Topic, byte[] Payload)>[] messages, CancellationToken ct)
    {
        var prefixes = messages.Select(m => m.Take(m.Count / 5).ToList()).ToList();
        var samples = prefixes.Sum(p => (long)p.Count);
        BenchLog.Step(_id, $"warming the host up with {samples:N0} messages (sent again in the measured run)");
        using var pacing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var lead = new StoredLead(hosts, MaxLead, 0);
        var polling = lead.RunAsync(pacing.Token);
        await Task.WhenAll(connections.Select((c, i) => c.PublishAllAsync(prefixes[i], lead, ct)));
        await pacing.CancelAsync();
        await Task.WhenAny(polling);
        await StoredData.WaitForAsync(influx, database, samples, ct);
        return samples;
    }

    private Task<StationHosts> StartHostsAsync(string database, Protection protection, IEnumerable<string> environment, IEnumerable<TestBrokerClient> identities, CancellationToken ct)
    {
        if (_id != ClusterId)
        {
            BenchLog.Step(_id, $"starting the cloud host ({protection.Summary})");
            return StationHosts.SingleAsync(influx, database, _id, protection, environment, identities, ct);
        }

        BenchLog.Step(_id, $"starting mosquitto, Redis and {StationHosts.ClusterSize} cloud instances ({protection.Summary}); waiting until each of the {Workload.Parks} parks has one judge");
        return StationHosts.ClusterAsync(influx, database, _id, protection, environment, Workload.AllParks, ct);
    }
}
