using System.Diagnostics;
using EnvMonitoring.Testing;
using EnvMonitoring.Testing.Logging;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace EnvMonitoring.Cloud.Tests.Cluster;

/// <summary>
/// Park leases between instances, against a real redis-server (TLS, password): one owner per park,
/// graceful hand-over, a killed instance's parks taken after its leases expire, a joining
/// instance's share, slow and failing take-ups. Lease time 2 s, renewal every 300 ms.
/// </summary>
public sealed class ParkLeasesTests(RedisServerFixture redis, ITestOutputHelper output) : IClassFixture<RedisServerFixture>
{
    private static readonly string[] Parks = ["KCN-A", "KCN-B", "KCN-C", "KCN-D", "KCN-E", "KCN-F", "KCN-G"];
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Three_instances_share_seven_parks_each_park_with_one_owner_taken_up_once()
    {
        using var log = new TestLog(output);
        using var logging = Logging(log);
        await using var cluster = new TestCluster(redis.Server, logging);
        var ids = TestCluster.EvenIds(Parks, 3);

        var instances = await cluster.StartAsync(ids, Parks);

        await Eventually.UntilAsync(() => TestCluster.Settled(Parks, instances), Deadline, "every park has the one owner hashing picks");
        Assert.All(instances, i => Assert.InRange(i.Leases.Owned.Count, 2, 3));
        foreach (var park in Parks)
        {
            Assert.Single(cluster.Journal.Events, e => e.Park == park && e.Step == CustodyStep.TakenUp);
        }

        Assert.DoesNotContain(cluster.Journal.Events, e => e.Step == CustodyStep.HandOverStarted);
        Assert.All(instances, i => Assert.False(i.Custodian.OwnedDuringCalls));

        // Redis says the same: each lease is held by its owner, with the park's first fencing token.
        using var look = await cluster.LookAsync();
        foreach (var park in Parks)
        {
            var owner = instances.Single(i => i.Leases.Owns(park));
            Assert.Equal($"{owner.Id}/1", (string?)await look.GetDatabase().StringGetAsync(cluster.Prefix + "lease:" + park));
        }
    }

    [Fact]
    public async Task An_instance_stopping_hands_its_parks_over_and_the_others_take_them_up_without_overlap()
    {
        using var log = new TestLog(output);
        using var logging = Logging(log);
        await using var cluster = new TestCluster(redis.Server, logging);
        var instances = await cluster.StartAsync(TestCluster.EvenIds(Parks, 3), Parks);
        await Eventually.UntilAsync(() => TestCluster.Settled(Parks, instances), Deadline, "every park has one owner");
        var (leaving, staying) = (instances[0], instances[1..]);
        var itsParks = leaving.Leases.Owned.ToList();

        await leaving.StopAsync();

        // Released at once, not left to expire: no lease or membership of the stopped instance is left.
        using var look = await cluster.LookAsync();
        var db = look.GetDatabase();
        Assert.Null(await db.SortedSetScoreAsync(cluster.Prefix + "members", leaving.Id));
        foreach (var park in itsParks)
        {
            Assert.False(((string?)await db.StringGetAsync(cluster.Prefix + "lease:" + park))?.StartsWith(leaving.Id + "/", StringComparison.Ordinal) ?? false);
        }

        Assert.Empty(leaving.Leases.Owned);
        Assert.Equal(itsParks.Order(), cluster.Journal.Of(leaving.Id, CustodyStep.HandedOver).Select(e => e.Park).Order());
        Assert.All(cluster.Journal.Of(leaving.Id, CustodyStep.HandedOver), e => Assert.False(e.LeaseLost));

        await Eventually.UntilAsync(() => TestCluster.Settled(Parks, staying), Deadline, "the two left own every park");
        Assert.Null(cluster.Journal.FirstOverlap());
        Assert.All(instances, i => Assert.False(i.Custodian.OwnedDuringCalls));
    }

    [Fact]
    public async Task A_killed_instance_s_parks_are_taken_after_its_leases_expire()
    {
        using var log = new TestLog(output);
        log.ExpectEvent("LeaseLost", "the killed instance's renewals fail and its leases lapse")
            .ExpectEvent("RedisFailing", "the killed instance has no connection")
            .ExpectEvent("LeaveFailed", "the killed instance cannot leave the members at dispose");
        using var logging = Logging(log);
        await using var cluster = new TestCluster(redis.Server, logging);
        var instances = await cluster.StartAsync(TestCluster.EvenIds(Parks, 3), Parks);
        await Eventually.UntilAsync(() => TestCluster.Settled(Parks, instances), Deadline, "every park has one owner");
        var (killed, staying) = (instances[0], instances[1..]);
        var itsParks = killed.Leases.Owned.ToList();

        var killedAt = Stopwatch.GetTimestamp();
        await killed.KillAsync();

        await Eventually.UntilAsync(() => TestCluster.Settled(Parks, staying), Deadline, "the survivors own every park");
        // Taken only once the lease could have expired (renewed at most one interval before the kill), never handed over gracefully.
        foreach (var park in itsParks)
        {
            var takenAt = cluster.Journal.Events.First(e => e.Park == park && e.Step == CustodyStep.TakeUpStarted && e.Instance != killed.Id && e.At > killedAt).At;
            Assert.True(
                Stopwatch.GetElapsedTime(killedAt, takenAt) >= LeaseInstance.LeaseTime - (2 * LeaseInstance.RenewInterval),
                $"{park} was taken {Stopwatch.GetElapsedTime(killedAt, takenAt)} after the kill, before its lease could expire");
        }

        Assert.DoesNotContain(cluster.Journal.Of(killed.Id, CustodyStep.HandOverStarted), e => !e.LeaseLost);
        // The killed instance, cut off, noticed the loss on its own: hand-over with leaseLost, at once.
        await Eventually.UntilAsync(
            () => itsParks.All(p => cluster.Journal.Of(killed.Id, CustodyStep.HandedOver).Any(e => e.Park == p && e.LeaseLost)),
            Deadline, "the cut-off instance handed its parks over as lost");
        Assert.Empty(killed.Leases.Owned);
    }

    [Fact]
    public async Task A_joining_instance_gets_its_share_and_the_others_hand_it_over_gracefully()
    {
        using var log = new TestLog(output);
        using var logging = Logging(log);
        await using var cluster = new TestCluster(redis.Server, logging);
        var ids = TestCluster.EvenIds(Parks, 3);
        var first = await cluster.StartAsync(ids[..2], Parks);
        await Eventually.UntilAsync(() => TestCluster.Settled(Parks, first), Deadline, "the two own every park");
        var before = first.ToDictionary(i => i.Id, i => i.Leases.Owned.ToHashSet());

        var joining = await cluster.CreateAsync(ids[2], Parks);
        await joining.StartAsync();
        LeaseInstance[] all = [.. first, joining];

        await Eventually.UntilAsync(() => TestCluster.Settled(Parks, all), Deadline, "the three own every park");
        var share = joining.Leases.Owned.ToHashSet();
        Assert.InRange(share.Count, 2, 3);
        Assert.Equal(share.Order(), cluster.Journal.Of(joining.Id, CustodyStep.TakenUp).Select(e => e.Park).Order());
        foreach (var instance in first)
        {
            // Exactly what the newcomer won moved, gracefully; nothing else did.
            var handed = cluster.Journal.Of(instance.Id, CustodyStep.HandedOver);
            Assert.Equal(before[instance.Id].Intersect(share).Order(), handed.Select(e => e.Park).Order());
            Assert.All(handed, e => Assert.False(e.LeaseLost));
        }

        Assert.Null(cluster.Journal.FirstOverlap());
        Assert.All(all, i => Assert.False(i.Custodian.OwnedDuringCalls));
    }

    [Fact]
    public async Task A_take_up_lasting_several_lease_times_keeps_the_lease()
    {
        using var log = new TestLog(output);
        using var logging = Logging(log);
        await using var cluster = new TestCluster(redis.Server, logging);
        var instance = await cluster.CreateAsync("slow-reader", ["KCN-SLOW"]);
        instance.Custodian.TakeUpTime = 3 * LeaseInstance.LeaseTime;
        using var look = await cluster.LookAsync();
        var db = look.GetDatabase();
        var key = cluster.Prefix + "lease:KCN-SLOW";

        await instance.StartAsync();
        await Eventually.UntilAsync(() => cluster.Journal.Events.Any(e => e.Step == CustodyStep.TakeUpStarted), Deadline, "the take-up began");
        var seen = new HashSet<string?>();
        while (true)
        {
            // Owned first, then whether the take-up finished: the custodian journals TakenUp before the park
            // counts as owned, so an owned park whose take-up had not finished is the fault, whatever the timing.
            var owned = instance.Leases.Owns("KCN-SLOW");
            var takenUp = cluster.Journal.Events.Any(e => e.Step == CustodyStep.TakenUp);
            Assert.False(owned && !takenUp, "owned before its take-up finished");
            if (takenUp)
            {
                break;
            }

            seen.Add(await db.StringGetAsync(key));
            await Task.Delay(100);
        }

        Assert.Equal(["slow-reader/1"], seen);
        await Eventually.UntilAsync(() => instance.Leases.Owns("KCN-SLOW"), Deadline, "the park is owned once taken up");
        Assert.Equal(0, instance.Custodian.CancelledTakeUps);
        Assert.Equal(1, (long)await db.StringGetAsync(cluster.Prefix + "fence:KCN-SLOW"));
    }

    [Fact]
    public async Task A_take_up_that_throws_is_handed_back_released_and_tried_again_later()
    {
        using var log = new TestLog(output);
        log.ExpectEvent("TakeUpFailed", "the second custodian fails its first two take-ups");
        using var logging = Logging(log);
        await using var cluster = new TestCluster(redis.Server, logging);
        using var look = await cluster.LookAsync();
        var flaky = new RecordingCustodian("flaky", new CustodyJournal());
        var attempts = 0;
        var tokens = new List<string?>();
        flaky.FailTakeUp = _ => Interlocked.Increment(ref attempts) <= 2;
        flaky.DuringTakeUp = async park => tokens.Add(await look.GetDatabase().StringGetAsync(cluster.Prefix + "lease:" + park));
        var instance = await cluster.CreateAsync("reader", ["KCN-FLAKY"], flaky);
        flaky.Ownership = instance.Leases;
        var changes = 0;
        instance.Leases.Changed += () => Interlocked.Increment(ref changes);

        await instance.StartAsync();

        await Eventually.UntilAsync(() => instance.Leases.Owns("KCN-FLAKY"), Deadline, "the third take-up succeeds");
        // Each try held a new lease (a new fencing token): the failed ones were released in between.
        Assert.Equal(["reader/1", "reader/2", "reader/3"], tokens);
        // The first custodian took it up each time and handed it back (gracefully) after each failure.
        var steps = cluster.Journal.Events.Where(e => e.Step is CustodyStep.TakenUp or CustodyStep.HandedOver).Select(e => e.Step).ToList();
        Assert.Equal([CustodyStep.TakenUp, CustodyStep.HandedOver, CustodyStep.TakenUp, CustodyStep.HandedOver, CustodyStep.TakenUp], steps);
        Assert.All(cluster.Journal.Of("reader", CustodyStep.HandedOver), e => Assert.False(e.LeaseLost));
        Assert.False(instance.Custodian.OwnedDuringCalls);
        Assert.False(flaky.OwnedDuringCalls);
        Assert.Equal(1, changes);
    }

    private static ILoggerFactory Logging(TestLog log) =>
        LoggerFactory.Create(builder => builder.AddProvider(log.Provider).SetMinimumLevel(LogLevel.Debug));
}
