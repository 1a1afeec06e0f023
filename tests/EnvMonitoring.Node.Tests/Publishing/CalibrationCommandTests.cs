using EnvMonitoring.Node.Tests.Support;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Node.Tests.Publishing;

/// <summary>A node takes calibration commands from its gateway's broker; the payload's rules are tested in Protocol.Tests.</summary>
public sealed class CalibrationCommandTests : IDisposable
{
    private const string Park = "YenBinh";
    private const string Station = "YB-WWTP-01";

    private readonly TemporaryDirectory _buffer = new();

    [Fact]
    public async Task A_command_on_the_station_topic_marks_its_channels_status_1_until_it_is_ended()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var node = await NodeUnderTest.StartAsync(NodeUnderTest.Settings(Park, broker.Port, _buffer.Path, TimeSpan.FromSeconds(1), (Station, "Water")));
        await Eventually.UntilAsync(() => broker.Accepted.Count > 0, TimeSpan.FromSeconds(30), "the node reports");
        var topic = $"envmon/{Park}/{Station}/cmd/calibration";

        await broker.PublishAsync(topic, """{"active":true,"parameters":["COD"],"minutes":10}""");
        var calibrating = await NextAsync(broker, s => Status(s, "COD") == DeviceStatus.Calibrating);
        Assert.Equal(DeviceStatus.Measuring, Status(calibrating, "pH"));

        await broker.PublishAsync(topic, """{"active":false}""");
        await NextAsync(broker, s => Status(s, "COD") == DeviceStatus.Measuring);

        node.Log.ExpectEvent("CommandRefused", "the test sends a malformed command");
        await broker.PublishAsync(topic, """{"active":"yes"}""");
        await node.Log.WaitForAsync(e => e.Is("CommandRefused"), TimeSpan.FromSeconds(10), "the bad command is reported");
    }

    public void Dispose() => _buffer.Dispose();

    private static DeviceStatus? Status(Sample sample, string code) => sample.TryGetReading(code, out var reading) ? reading.Status : null;

    private static async Task<Sample> NextAsync(TestBroker broker, Func<Sample, bool> condition)
    {
        var seen = broker.Accepted.Count;
        Sample? found = null;
        await Eventually.UntilAsync(() => (found = broker.Accepted.Skip(seen).FirstOrDefault(condition)) is not null, TimeSpan.FromSeconds(30), "a matching sample arrives");
        return found!;
    }
}
