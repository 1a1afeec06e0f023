using EnvMonitoring.Node.Tests.Support;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Node.Tests.Publishing;

/// <summary>The simulator's offline incidents, end to end: what the gateway sees of a node that goes offline.</summary>
public sealed class ScriptedOutageTests : IDisposable
{
    private const string Park = "YenBinh";
    private const string Station = "YB-WWTP-01";

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task A_link_outage_sends_the_last_will_and_delivers_the_readings_taken_meanwhile_later()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var node = await StartNodeAsync(broker, keepMeasuring: true);

        await Eventually.UntilAsync(async () => (await broker.RetainedAsync(Topics.StationStatus(Park, Station)))?.Contains("offline", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(30), "the gateway publishes the node's last will");
        await Eventually.UntilAsync(() => Delivered.Through(broker, Station, 10), TimeSpan.FromSeconds(30), "readings of the outage and after it arrive");

        var samples = Delivered.AssertComplete(broker, Station);
        var late = broker.Deliveries.Where(d => d.Arrived - d.Sample.Timestamp > TimeSpan.FromSeconds(2)).ToList();
        Assert.NotEmpty(late);
        Assert.All(samples.Zip(samples.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(1), pair.Second.Timestamp - pair.First.Timestamp));
    }

    [Fact]
    public async Task A_power_cut_leaves_a_gap_in_time_but_not_in_seq()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var node = await StartNodeAsync(broker, keepMeasuring: false);

        await Eventually.UntilAsync(() => Delivered.Through(broker, Station, 8), TimeSpan.FromSeconds(30), "readings before and after the power cut arrive");

        var samples = Delivered.AssertComplete(broker, Station);
        var gaps = samples.Zip(samples.Skip(1)).Select(pair => pair.Second.Timestamp - pair.First.Timestamp).ToList();
        Assert.Contains(gaps, gap => gap >= TimeSpan.FromSeconds(3));
    }

    public void Dispose() => _directory.Dispose();

    private async Task<NodeUnderTest> StartNodeAsync(TestBroker broker, bool keepMeasuring)
    {
        var scenario = Path.Combine(_directory.Path, "outage.json");
        await File.WriteAllTextAsync(scenario, $$"""
            { "incidents": [ { "kind": "Offline", "station": "{{Station}}", "start": "00:00:03", "duration": "00:00:04", "keepMeasuring": {{(keepMeasuring ? "true" : "false")}} } ] }
            """);
        var settings = NodeUnderTest.Settings(Park, broker.Port, Path.Combine(_directory.Path, "outbox"), TimeSpan.FromSeconds(1), (Station, "Water"));
        settings["Node:Simulator:Scenario"] = scenario;
        return await NodeUnderTest.StartAsync(settings);
    }
}
