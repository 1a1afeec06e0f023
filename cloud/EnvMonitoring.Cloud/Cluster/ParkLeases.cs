using System.Collections.Immutable;
using System.Threading.Channels;
using EnvMonitoring.Cloud.Stations;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EnvMonitoring.Cloud.Cluster;

/// <summary>
/// One lease per park in Redis, so that each park is judged by exactly one instance at a time
/// (docs/scale.md, "Park leases"). Two loops: the rounds (every <see cref="ClusterOptions.RenewInterval"/>,
/// and at once when the registry changes) renew the membership, take the free parks this instance
/// wins by <see cref="Rendezvous"/> hashing (or that were left free too long) and give up those
/// another live member wins; the renewals (every <see cref="ClusterOptions.RenewInterval"/>) keep
/// every held lease, whatever the custodians are doing. Each held park has its own custody task:
/// take-up by every <see cref="IParkCustodian"/>, ownership, hand-over, release.
/// </summary>
internal sealed partial class ParkLeases : BackgroundService, IParkOwnership
{
    private readonly LeaseStore _store;
    private readonly StationRegistry _registry;
    /// <summary>
    /// Read at the first take-up, not when built: custodians (the rules, the live state's listeners)
    /// may themselves ask who owns what, which a constructor-time list would make a dependency cycle.
    /// </summary>
    private readonly Lazy<IParkCustodian[]> _custodians;
    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ParkLeases> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HeldPark> _held = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Cancelled when the host's stop deadline passes: custodians still handing over are told to stop.</summary>
    private readonly CancellationTokenSource _abort = new();

    // The rounds' own state: only the rounds loop reads and writes it.
    private readonly Dictionary<string, long> _freeSince = new(StringComparer.Ordinal);
    private HashSet<string> _members = new(StringComparer.Ordinal);
    private long? _failingSince;
    private bool _outageLogged;

    private volatile ImmutableHashSet<string> _owned = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public ParkLeases(IConnectionMultiplexer redis, StationRegistry registry, IEnumerable<IParkCustodian> custodians, IOptions<ClusterOptions> options, TimeProvider time, ILogger<ParkLeases> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        // One call may take a renewal interval: a silent Redis is noticed while the lease still runs.
        _store = new LeaseStore(redis, _options.KeyPrefix, _options.RenewInterval, time);
        _registry = registry;
        _custodians = new Lazy<IParkCustodian[]>(() => [.. custodians]);
        _time = time;
        _logger = logger;
    }

    public event Action? Changed;

    public bool Shared => true;

    public string InstanceId => _options.InstanceId;

    public IReadOnlyCollection<string> Owned => _owned;

    public bool Owns(string park) => _owned.Contains(park);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's deadline: custodians still handing over are asked to stop, the membership still leaves.
        await using var abort = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _registry.Changed += OnStationsChanged;
        using var renewing = new CancellationTokenSource();
        var renewals = RenewalsAsync(renewing.Token);
        try
        {
            await RoundsAsync(stoppingToken);
        }
        finally
        {
            _registry.Changed -= OnStationsChanged;
            // Leases are renewed until every park is handed over and released: a rolling restart loses none.
            await GiveUpAllAsync("the instance stops");
            await renewing.CancelAsync();
            await renewals;
            await LeaveAsync();
        }
    }

    /// <summary>A park added or removed is seen at once rather than at the next round.</summary>
    private void OnStationsChanged(StationChanges changes) => _wake.Writer.TryWrite(true);

    private async Task RoundsAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(stoppingToken);
                if (_failingSince is not null)
                {
                    if (_outageLogged)
                    {
                        ClusterLog.RedisRecovered(_logger);
                    }

                    (_failingSince, _outageLogged) = (null, false);
                }
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                NoteRoundFailure(e);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await NextRoundAsync(stoppingToken);
        }
    }

    /// <summary>
    /// A slow answer now and then (a busy machine, a failover) is a debug line; a Redis silent for
    /// a whole lease time, long enough for this instance to drop out of the members, is a warning, once.
    /// </summary>
    private void NoteRoundFailure(Exception e)
    {
        _failingSince ??= _time.GetTimestamp();
        if (_outageLogged)
        {
            return;
        }

        var failingFor = _time.GetElapsedTime(_failingSince.Value);
        if (failingFor >= _options.LeaseTime)
        {
            _outageLogged = true;
            ClusterLog.RedisFailing(_logger, failingFor, e);
        }
        else
        {
            ClusterLog.RoundFailed(_logger, e);
        }
    }

    /// <summary>Waits a renewal interval, or less when the registry changed; returns at once on stop.</summary>
    private async Task NextRoundAsync(CancellationToken stoppingToken)
    {
        using var interval = new CancellationTokenSource(_options.RenewInterval, _time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, interval.Token);
        try
        {
            await _wake.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
            // The interval passed, or the host stops: the loop's condition tells which.
        }
    }

    /// <summary>
    /// One round: heartbeat, give up the parks another member wins or the registry no longer has,
    /// take the free parks this one wins, and those left free for two lease times whoever wins them
    /// (a winner that is alive but does not take its parks must not leave them unjudged).
    /// </summary>
    private async Task RoundAsync(CancellationToken ct)
    {
        var members = await _store.HeartbeatAsync(InstanceId, _options.LeaseTime, ct);
        var joining = _members.Count == 0;
        NoteMembers(members);
        if (joining)
        {
            // The first round only joins: instances started together (a cold start of the cluster)
            // see each other before any takes a park, instead of one taking all and handing most back.
            return;
        }

        var parks = _registry.Parks;
        var wanted = parks.ToHashSet(StringComparer.Ordinal);
        List<string> free;
        lock (_gate)
        {
            foreach (var held in _held.Values.Where(h => h.GiveUpReason is null && !h.Lost))
            {
                if (!wanted.Contains(held.Park))
                {
                    held.GiveUp("no longer in the station registry");
                }
                else if (Rendezvous.Winner(held.Park, members) is { } winner && winner != InstanceId)
                {
                    held.GiveUp($"{winner} takes it by rendezvous hashing");
                }
            }

            free = [.. parks.Where(p => !_held.ContainsKey(p))];
        }

        foreach (var park in _freeSince.Keys.Except(free, StringComparer.Ordinal).ToList())
        {
            _freeSince.Remove(park);
        }

        if (free.Count == 0)
        {
            return;
        }

        var holders = await _store.HoldersAsync(free, ct);
        var now = _time.GetTimestamp();
        var takes = new List<Task>();
        for (var i = 0; i < free.Count; i++)
        {
            var park = free[i];
            if (holders[i] is not null)
            {
                _freeSince.Remove(park);
                continue;
            }

            if (!_freeSince.TryGetValue(park, out var since))
            {
                _freeSince[park] = since = now;
            }

            var winner = Rendezvous.Winner(park, members);
            if (winner == InstanceId)
            {
                takes.Add(TakeAsync(park, ct));
            }
            else if (_time.GetElapsedTime(since, now) is var freeFor && freeFor > 2 * _options.LeaseTime)
            {
                ClusterLog.Adopted(_logger, park, freeFor, winner ?? "no member", InstanceId);
                takes.Add(TakeAsync(park, ct));
            }
        }

        await Task.WhenAll(takes);
    }

    private void NoteMembers(IReadOnlyList<string> members)
    {
        var now = members.ToHashSet(StringComparer.Ordinal);
        foreach (var member in now.Except(_members).Order(StringComparer.Ordinal))
        {
            ClusterLog.MemberJoined(_logger, member, now.Count);
        }

        foreach (var member in _members.Except(now).Order(StringComparer.Ordinal))
        {
            ClusterLog.MemberLeft(_logger, member, now.Count);
        }

        _members = now;
    }

    /// <summary>Takes the park's lease if it is still free and starts its custody.</summary>
    private async Task TakeAsync(string park, CancellationToken ct)
    {
        var sent = _time.GetTimestamp();
        if (await _store.AcquireAsync(park, InstanceId, _options.LeaseTime, ct) is not { } token)
        {
            // Another member was quicker.
            return;
        }

        var held = new HeldPark(park, token, LeaseStore.Holder(InstanceId, token), sent);
        ClusterLog.LeaseGained(_logger, park, InstanceId, token);
        lock (_gate)
        {
            _held.Add(park, held);
            // Custodians may work synchronously for a while: the round goes on without waiting.
            held.Custody = Task.Run(() => KeepAsync(held, ct), CancellationToken.None);
        }
    }

    /// <summary>Hands over every held park gracefully and waits until each is released (or lost).</summary>
    private async Task GiveUpAllAsync(string reason)
    {
        HeldPark[] held;
        lock (_gate)
        {
            held = [.. _held.Values];
            foreach (var park in held)
            {
                park.GiveUp(reason);
            }
        }

        await Task.WhenAll(held.Select(h => h.Custody));
    }

    private async Task LeaveAsync()
    {
        try
        {
            await _store.LeaveAsync(InstanceId, CancellationToken.None);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            ClusterLog.LeaveFailed(_logger, e);
        }
    }

    /// <summary>
    /// Redis unreachable, slow or refusing, or the connection closed under us (the host's stop
    /// deadline passed and the container disposed it): the failures a lease outlives until it expires.
    /// </summary>
    private static bool IsRedisFailure(Exception e) => e is RedisException or TimeoutException or ObjectDisposedException;
}
