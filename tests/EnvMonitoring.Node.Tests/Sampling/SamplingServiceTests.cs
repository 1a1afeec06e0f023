using EnvMonitoring.Node.Tests.Support;
using EnvMonitoring.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Node.Tests.Sampling;

/// <summary>The sampling loop on a fake clock: reports on the boundaries, even when the sampling interval does not divide them in whole ticks.</summary>
public sealed class SamplingServiceTests : IDisposable
{
    private const string Station = "YB-WWTP-01";

    private readonly TemporaryDirectory _buffer = new();

    [Theory]
    [InlineData("00:01:00", "00:00:05")]
    [InlineData("00:01:00", "00:00:07")]
    [InlineData("00:00:07", "00:00:03")]
    public async Task Reports_are_stamped_on_consecutive_boundaries_of_the_report_interval(string report, string sample)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 3, 0, 0, 500, TimeSpan.Zero));
        // Port 1 on loopback: nothing listens, so the readings stay in the outbox for the test to read.
        var settings = NodeUnderTest.Settings("YenBinh", 1, _buffer.Path, TimeSpan.Parse(report, System.Globalization.CultureInfo.InvariantCulture), (Station, "Water"));
        settings["Node:SampleInterval"] = sample;
        await using var node = await NodeUnderTest.StartAsync(settings, s => s.AddSingleton<TimeProvider>(time));
        node.Log.ExpectEvent("GatewayUnreachable", "nothing listens on port 1, on purpose");
        var interval = TimeSpan.Parse(report, System.Globalization.CultureInfo.InvariantCulture);

        await Eventually.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(5));
            return node.Outbox(Station).NextSeq >= 4;
        }, TimeSpan.FromSeconds(60), "four reports are taken");

        var outbox = node.Outbox(Station);
        Assert.True(outbox.TryPeek(out var first));
        var stamps = new List<DateTimeOffset>();
        for (var seq = first.Seq; outbox.TryPeek(out var entry) && seq < 4; seq++)
        {
            stamps.Add(EnvMonitoring.Protocol.Codec.SampleCodec.Default.DecodeSample(entry.Payload.Span).Sample!.Timestamp);
            outbox.Remove(entry.Seq, delivered: true);
        }

        Assert.All(stamps, s => Assert.Equal(0, (s - DateTimeOffset.UnixEpoch).Ticks % interval.Ticks));
        Assert.All(stamps.Zip(stamps.Skip(1)), pair => Assert.Equal(interval, pair.Second - pair.First));
    }

    public void Dispose() => _buffer.Dispose();
}
