using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Testing;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace EnvMonitoring.Cloud.Tests.Cluster;

/// <summary>
/// The instances of one test, over one Redis and a key prefix of the test's own, with one
/// <see cref="CustodyJournal"/>; disposing it stops every instance still running.
/// </summary>
internal sealed class TestCluster(RedisServer redis, ILoggerFactory logging) : IAsyncDisposable
{
    private readonly List<LeaseInstance> _instances = [];

    public string Prefix { get; } = $"t{Guid.NewGuid():N}:";

    public CustodyJournal Journal { get; } = new();

    public RedisServer Redis => redis;

    /// <summary>Builds an instance (connected, not started).</summary>
    public async Task<LeaseInstance> CreateAsync(string id, IReadOnlyList<string> parks, params IParkCustodian[] others)
    {
        var instance = await LeaseInstance.CreateAsync(redis, Prefix, id, parks, Journal, logging, others);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>Builds all, then starts all, so they start within moments of each other.</summary>
    public async Task<LeaseInstance[]> StartAsync(IReadOnlyList<string> ids, IReadOnlyList<string> parks)
    {
        var instances = new List<LeaseInstance>();
        foreach (var id in ids)
        {
            instances.Add(await CreateAsync(id, parks));
        }

        foreach (var instance in instances)
        {
            await instance.StartAsync();
        }

        return [.. instances];
    }

    /// <summary>Every park owned by exactly one of <paramref name="members"/>: the one rendezvous hashing picks among them.</summary>
    public static bool Settled(IReadOnlyList<string> parks, params LeaseInstance[] members)
    {
        var ids = members.Select(m => m.Id).ToList();
        return parks.All(park =>
            members.Count(m => m.Leases.Owns(park)) == 1
            && members.Single(m => m.Leases.Owns(park)).Id == Rendezvous.Winner(park, ids));
    }

    /// <summary>
    /// Instance ids over which rendezvous hashing spreads <paramref name="parks"/> evenly (each
    /// gets ⌊n/k⌋ or ⌈n/k⌉). Hashing spreads a handful of parks unevenly for many name sets; the
    /// first even set is picked (deterministic: the hash is stable), so a test can check the shares.
    /// </summary>
    public static string[] EvenIds(IReadOnlyList<string> parks, int count)
    {
        for (var seed = 0; ; seed++)
        {
            var ids = Enumerable.Range(0, count).Select(i => $"node{seed}-{(char)('a' + i)}").ToArray();
            var shares = ids.Select(id => parks.Count(p => Rendezvous.Winner(p, ids) == id)).ToList();
            if (shares.All(s => s >= parks.Count / count && s <= (parks.Count + count - 1) / count))
            {
                return ids;
            }
        }
    }

    /// <summary>A connection of the test's own, to look at the keys.</summary>
    public async Task<IConnectionMultiplexer> LookAsync() =>
        await ConnectionMultiplexer.ConnectAsync(RedisConnection.Configuration(LeaseInstance.OptionsFor(redis, Prefix, "observer"), null));

    public async ValueTask DisposeAsync()
    {
        // All at once, as a cluster shuts down: no instance takes up the parks another just gave up.
        await Task.WhenAll(_instances.Select(i => i.DisposeAsync().AsTask()));
    }
}
