using EnvMonitoring.Cloud.Cluster;

namespace EnvMonitoring.Cloud.Tests.Cluster;

/// <summary>Every instance computes the same owner from the same members, and membership changes move only what they must.</summary>
public sealed class RendezvousTests
{
    private static readonly string[] Parks = [.. Enumerable.Range(0, 300).Select(i => $"park-{i}")];

    [Fact]
    public void The_winner_does_not_depend_on_the_order_members_are_listed_in()
    {
        string[] members = ["cloud-1", "cloud-2", "cloud-3"];
        foreach (var park in Parks)
        {
            Assert.Equal(Rendezvous.Winner(park, members), Rendezvous.Winner(park, members.Reverse().ToArray()));
        }

        Assert.Null(Rendezvous.Winner("park-0", []));
    }

    [Fact]
    public void A_member_leaving_moves_only_its_own_parks_and_one_joining_takes_a_fair_share()
    {
        string[] three = ["cloud-1", "cloud-2", "cloud-3"];
        string[] two = ["cloud-1", "cloud-2"];
        var moved = Parks.Where(p => Rendezvous.Winner(p, two) != Rendezvous.Winner(p, three)).ToList();
        Assert.All(moved, p => Assert.Equal("cloud-3", Rendezvous.Winner(p, three)));

        // Joining: cloud-3 takes about a third; each of the others keeps all it does not lose to it.
        Assert.InRange(moved.Count, 70, 130);
        foreach (var member in three)
        {
            Assert.InRange(Parks.Count(p => Rendezvous.Winner(p, three) == member), 70, 130);
        }
    }

    [Fact]
    public void The_weight_is_xxhash64_of_park_and_member_so_every_process_and_version_agrees()
    {
        // The layout is the contract between instances (UTF-8 "park\nmember", seed 0): a per-process
        // hash (string.GetHashCode) or a changed layout would make instances disagree on owners.
        Assert.Equal(System.IO.Hashing.XxHash64.HashToUInt64("park-0\ncloud-1"u8), Rendezvous.Weight("park-0", "cloud-1"));
    }
}
