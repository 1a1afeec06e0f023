using EnvMonitoring.Node.Tests.Support;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Node.Tests.Publishing;

/// <summary>What a station's node delivered to the broker, judged as the cloud would: by seq.</summary>
internal static class Delivered
{
    /// <summary>The seqs the broker accepted for the station, each once.</summary>
    public static IReadOnlyList<long> Seqs(TestBroker broker, string station) =>
        [.. broker.Accepted.Where(s => s.Station == station).Select(s => s.Seq!.Value).Distinct().Order()];

    /// <summary>True when every seq from 0 to <paramref name="through"/> was accepted.</summary>
    public static bool Through(TestBroker broker, string station, long through) =>
        Seqs(broker, station) is var seqs && seqs.Count > through && seqs[(int)through] == through;

    /// <summary>
    /// No reading lost, none duplicated: the accepted seqs run 0, 1, 2… without a gap, a seq sent
    /// twice is the same sample (same measurement time), they first arrived oldest first, and their
    /// measurement times increase with the seq.
    /// </summary>
    public static IReadOnlyList<Sample> AssertComplete(TestBroker broker, string station)
    {
        var accepted = broker.Accepted.Where(s => s.Station == station).ToList();
        var bySeq = accepted.GroupBy(s => s.Seq!.Value).OrderBy(g => g.Key).ToList();
        Assert.Equal(Enumerable.Range(0, bySeq.Count).Select(i => (long)i), bySeq.Select(g => g.Key));
        Assert.All(bySeq, g => Assert.Single(g.Select(s => s.Timestamp).Distinct()));
        var firstArrivals = accepted.Select(s => s.Seq!.Value).Distinct().ToList();
        Assert.Equal(firstArrivals.Order(), firstArrivals);
        var times = bySeq.Select(g => g.First().Timestamp).ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.First < pair.Second, $"{pair.First:O} then {pair.Second:O}"));
        return [.. bySeq.Select(g => g.First())];
    }
}
