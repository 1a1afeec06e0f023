using System.IO.Hashing;
using System.Text;

namespace EnvMonitoring.Cloud.Cluster;

/// <summary>
/// Which live member a park belongs to: rendezvous (highest random weight) hashing, the member
/// whose XxHash64 of <c>park + '\n' + member</c> is highest. Every instance computes the same
/// answer from the same members, with no coordination; when a member joins it wins about 1/n of
/// the parks, and when one leaves only its own parks move. The hash is stable across processes
/// and machines (never <see cref="string.GetHashCode()"/>, which is randomised per process).
/// </summary>
internal static class Rendezvous
{
    /// <summary>The winner of <paramref name="park"/> among <paramref name="members"/>; null when there are none.</summary>
    public static string? Winner(string park, IReadOnlyCollection<string> members)
    {
        string? winner = null;
        var best = 0UL;
        foreach (var member in members)
        {
            var weight = Weight(park, member);
            // Equal weights (practically never) go to the smaller id, so every instance agrees.
            if (winner is null || weight > best || (weight == best && string.CompareOrdinal(member, winner) < 0))
            {
                winner = member;
                best = weight;
            }
        }

        return winner;
    }

    public static ulong Weight(string park, string member)
    {
        var bytes = Encoding.UTF8.GetBytes(park + "\n" + member);
        return XxHash64.HashToUInt64(bytes);
    }
}
