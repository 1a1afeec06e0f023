using System.Globalization;
using StackExchange.Redis;

namespace EnvMonitoring.Cloud.Cluster;

/// <summary>
/// The cluster's keys in Redis and the only commands sent to them (docs/scale.md, "Park leases"):
/// <c>{prefix}members</c>, a sorted set of instance ids scored by when their membership expires;
/// <c>{prefix}lease:{park}</c>, the lease, <c>{instance}/{token}</c> with a time to live;
/// <c>{prefix}fence:{park}</c>, the counter that gives each new lease its fencing token. Each change
/// that compares before it writes is one Lua script, so it is atomic on the server. Expiry times
/// are the Redis server's clock (<c>TIME</c>, <c>PX</c>): instances' clocks may disagree.
/// Every call is bounded by <paramref name="timeout"/> (a release by the time its caller gives): a
/// Redis that does not answer is a failure the caller sees in time, not a call hanging past the lease.
/// </summary>
internal sealed class LeaseStore(IConnectionMultiplexer redis, string prefix, TimeSpan timeout, TimeProvider time)
{
    /// <summary>Drops expired members, renews this one's (when given), returns the live members.</summary>
    private const string HeartbeatScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
        return redis.call('ZRANGE', KEYS[1], 0, -1)
        """;

    /// <summary>Takes a free lease with the park's next fencing token; nil when the lease is held.</summary>
    private const string AcquireScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return false end
        local token = redis.call('INCR', KEYS[2])
        redis.call('SET', KEYS[1], ARGV[1] .. '/' .. token, 'NX', 'PX', ARGV[2])
        return token
        """;

    /// <summary>1: renewed; 0: another holds it; -1: gone (expired).</summary>
    private const string RenewScript = """
        local v = redis.call('GET', KEYS[1])
        if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
        if v then return 0 end
        return -1
        """;

    /// <summary>Deletes the lease only while it is still this holder's.</summary>
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly RedisKey _members = prefix + "members";

    private IDatabase Database => redis.GetDatabase();

    public RedisKey LeaseKey(string park) => prefix + "lease:" + park;

    public RedisKey FenceKey(string park) => prefix + "fence:" + park;

    /// <summary>Renews <paramref name="instance"/>'s membership for <paramref name="lifetime"/> and returns the live members, this one included.</summary>
    public async Task<IReadOnlyList<string>> HeartbeatAsync(string instance, TimeSpan lifetime, CancellationToken ct)
    {
        var result = await Bounded(Database.ScriptEvaluateAsync(HeartbeatScript, [_members], [instance, Milliseconds(lifetime)]), ct);
        return [.. ((RedisResult[])result!).Select(r => (string)r!)];
    }

    /// <summary>Ends <paramref name="instance"/>'s membership now (a graceful stop), so the others rebalance at their next round.</summary>
    public Task LeaveAsync(string instance, CancellationToken ct) => Bounded(Database.SortedSetRemoveAsync(_members, instance), ct);

    /// <summary>Who holds each park's lease (<c>{instance}/{token}</c>), null where it is free.</summary>
    public async Task<string?[]> HoldersAsync(IReadOnlyList<string> parks, CancellationToken ct)
    {
        var values = await Bounded(Database.StringGetAsync([.. parks.Select(LeaseKey)]), ct);
        return [.. values.Select(v => (string?)v)];
    }

    /// <summary>Takes the park's lease if it is free; its fencing token, or null when another holds it.</summary>
    public async Task<long?> AcquireAsync(string park, string instance, TimeSpan lifetime, CancellationToken ct)
    {
        var result = await Bounded(Database.ScriptEvaluateAsync(AcquireScript, [LeaseKey(park), FenceKey(park)], [instance, Milliseconds(lifetime)]), ct);
        return result.IsNull ? null : (long)result;
    }

    public async Task<Renewal> RenewAsync(string park, string holder, TimeSpan lifetime, CancellationToken ct)
    {
        var result = (int)await Bounded(Database.ScriptEvaluateAsync(RenewScript, [LeaseKey(park)], [holder, Milliseconds(lifetime)]), ct);
        return result switch
        {
            1 => Renewal.Renewed,
            0 => Renewal.Taken,
            _ => Renewal.Expired,
        };
    }

    /// <summary>
    /// Deletes the lease if <paramref name="holder"/> still holds it, waiting at most <paramref name="within"/>;
    /// false when it had expired or another holds it.
    /// </summary>
    public async Task<bool> ReleaseAsync(string park, string holder, TimeSpan within, CancellationToken ct) =>
        (int)await Bounded(Database.ScriptEvaluateAsync(ReleaseScript, [LeaseKey(park)], [holder]), ct, within) == 1;

    /// <summary>The lease's value: <c>{instance}/{token}</c>.</summary>
    public static string Holder(string instance, long token) => $"{instance}/{token.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The instance named in a lease's value.</summary>
    public static string InstanceOf(string holder) => holder[..Math.Max(0, holder.LastIndexOf('/'))];

    private static long Milliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);

    /// <summary>
    /// Waits for a Redis call at most <paramref name="within"/>, by default <c>timeout</c>. A call
    /// given up on may still fail later: its exception is observed here, since nobody awaits it any more.
    /// </summary>
    private async Task<T> Bounded<T>(Task<T> call, CancellationToken ct, TimeSpan? within = null)
    {
        try
        {
            return await call.WaitAsync(within ?? timeout, time, ct);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException && !call.IsCompleted)
        {
            _ = call.ContinueWith(static c => c.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }
}

/// <summary>What renewing a held lease found.</summary>
internal enum Renewal
{
    Renewed,

    /// <summary>Another instance holds the lease now.</summary>
    Taken,

    /// <summary>The lease was gone: it expired before the renewal reached Redis.</summary>
    Expired,
}
