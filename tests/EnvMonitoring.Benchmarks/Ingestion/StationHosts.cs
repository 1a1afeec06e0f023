using System.Diagnostics;
using System.Globalization;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// What a station-style run publishes to: one cloud host with its embedded broker ((c), (c-plain)),
/// or <see cref="ClusterSize"/> instances sharing the parks ((d), docs/scale.md) through a private
/// mosquitto (the deployed configuration: persistence, no queue limits; the instances on its MQTTS
/// listener, as <c>./envmon run --instances</c> connects them) and a private Redis (TLS,
/// password: the leases and the hub backplane), each instance consuming the parks it holds a lease
/// for through their own persistent sessions.
/// </summary>
internal sealed class StationHosts : IAsyncDisposable
{
    /// <summary>The instances of (d).</summary>
    public const int ClusterSize = 2;

    private static readonly TimeSpan OwnershipTimeout = TimeSpan.FromSeconds(90);

    /// <summary>How long the assignment of parks must stay the same before it counts as settled: more than a lease round (2 s).</summary>
    private static readonly TimeSpan OwnershipSettled = TimeSpan.FromSeconds(5);

    private readonly MosquittoServer? _broker;
    private readonly RedisServer? _redis;

    private StationHosts(IReadOnlyList<CloudHostProcess> hosts, int brokerPort, MosquittoServer? broker, RedisServer? redis)
    {
        Hosts = hosts;
        BrokerPort = brokerPort;
        _broker = broker;
        _redis = redis;
    }

    public IReadOnlyList<CloudHostProcess> Hosts { get; }

    /// <summary>The port the stations publish to: the host's (MQTTS when TLS is on), or mosquitto's plain one.</summary>
    public int BrokerPort { get; }

    /// <summary>mosquitto's process, whose CPU a cluster run reports beside the instances'; null for one host.</summary>
    public int? BrokerProcessId => _broker?.ProcessId;

    /// <summary>One cloud host with its embedded broker, as shipped or with <paramref name="protection"/> taken away.</summary>
    public static async Task<StationHosts> SingleAsync(
        InfluxServer influx, string database, string scenario, Protection protection, IEnumerable<string> environment, IEnumerable<TestBrokerClient> identities, CancellationToken ct)
    {
        var host = await CloudHostProcess.StartAsync(
            influx, database, $"bench-{scenario}", ct, [.. environment, .. protection.HostEnvironment()], protection.Clients(identities), protection.Certificates);
        return new StationHosts([host], protection.PortOf(host), null, null);
    }

    /// <summary>
    /// Starts mosquitto, Redis and <see cref="ClusterSize"/> instances together (the same
    /// <c>Ingestion:ClientId</c>, so a park's session is the same whichever instance holds it), then
    /// waits until every one of <paramref name="parks"/> is judged by exactly one instance, every
    /// instance judges some, and that assignment has held for a lease round.
    /// </summary>
    public static async Task<StationHosts> ClusterAsync(
        InfluxServer influx, string database, string scenario, Protection protection, IEnumerable<string> environment, IReadOnlyCollection<string> parks, CancellationToken ct)
    {
        var broker = await MosquittoServer.StartAsync(MosquittoOptions.FromDeployedConfig(Path.Combine(Repository.Root, "deploy", "mosquitto", "mosquitto.conf")) with { Tls = true }, ct);
        RedisServer? redis = null;
        var hosts = new List<CloudHostProcess>();
        try
        {
            redis = await RedisServer.StartAsync(ct: ct);
            string[] shared =
            [
                .. environment,
                .. protection.HostEnvironment(),
                "Broker__Embedded=false",
                "Broker__Host=127.0.0.1",
                string.Create(CultureInfo.InvariantCulture, $"Broker__Port={broker.TlsPort}"),
                $"Ingestion__Tls__CaPath={broker.Certificates!.CaPath}",
                $"Cluster__Redis={redis.ConfigurationString}",
                $"Cluster__RedisCaCertificate={redis.CaCertificatePath}",
            ];
            var starting = Enumerable.Range(1, ClusterSize)
                .Select(i => CloudHostProcess.StartAsync(influx, database, $"bench-{scenario}", ct, [.. shared, $"Cluster__InstanceId=bench-{scenario}-{i}"]))
                .ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                hosts.AddRange(starting.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result));
            }

            var cluster = new StationHosts(hosts, broker.Port, broker, redis);
            await cluster.OwnersAsync(parks, ct);
            return cluster;
        }
        catch
        {
            await StopAsync(hosts, redis, broker);
            throw;
        }
    }

    /// <summary>
    /// Which instance judges each park, once every one of <paramref name="parks"/> has exactly one
    /// judge, every instance judges some, and the assignment has held for <see cref="OwnershipSettled"/>
    /// (asked of each instance's <c>/api/health</c>, <c>cluster.parks</c>).
    /// </summary>
    /// <exception cref="BenchFailedException">No such assignment settled in time.</exception>
    public async Task<IReadOnlyDictionary<string, CloudHostProcess>> OwnersAsync(IReadOnlyCollection<string> parks, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var stable = Stopwatch.StartNew();
        string? last = null;
        while (true)
        {
            Hosts.ToList().ForEach(h => h.ThrowIfExited());
            var owners = await AssignmentAsync(ct);
            var complete = owners is not null && owners.Count == parks.Count && parks.All(owners.ContainsKey)
                && Hosts.All(h => owners.ContainsValue(h));
            var said = complete ? string.Join(';', owners!.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value.ProcessId}")) : null;
            if (said is null || said != last)
            {
                last = said;
                stable.Restart();
            }
            else if (stable.Elapsed >= OwnershipSettled)
            {
                BenchLog.Step(string.Join("; ", Hosts.Select((h, i) => $"instance {i + 1} judges {owners!.Count(o => o.Value == h)} parks")));
                return owners!;
            }

            if (clock.Elapsed > OwnershipTimeout)
            {
                throw new BenchFailedException($"the {Hosts.Count} instances did not settle on one judge for each of the {parks.Count} parks within {OwnershipTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(500, ct);
        }
    }

    public void ThrowIfExited() => Hosts.ToList().ForEach(h => h.ThrowIfExited());

    public void ReportComplaints() => Hosts.ToList().ForEach(h => h.ReportComplaints());

    /// <summary>Stops the instances (gracefully, at the same time), then Redis and mosquitto.</summary>
    public ValueTask DisposeAsync() => new(StopAsync(Hosts, _redis, _broker));

    private static async Task StopAsync(IEnumerable<CloudHostProcess> hosts, RedisServer? redis, MosquittoServer? broker)
    {
        try
        {
            await Task.WhenAll(hosts.Select(h => h.DisposeAsync().AsTask()));
        }
        finally
        {
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            if (broker is not null)
            {
                await broker.DisposeAsync();
            }
        }
    }

    /// <summary>Each park's judge as the instances say; null when one did not answer, runs alone, or two claim a park.</summary>
    private async Task<Dictionary<string, CloudHostProcess>?> AssignmentAsync(CancellationToken ct)
    {
        var owners = new Dictionary<string, CloudHostProcess>(StringComparer.Ordinal);
        foreach (var host in Hosts)
        {
            if (await host.ParksHeldAsync(ct) is not { } held)
            {
                return null;
            }

            foreach (var park in held)
            {
                if (!owners.TryAdd(park, host))
                {
                    return null;
                }
            }
        }

        return owners;
    }
}
