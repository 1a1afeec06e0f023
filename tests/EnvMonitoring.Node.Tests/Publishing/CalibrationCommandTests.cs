using System.Text;
using EnvMonitoring.Node.Publishing;
using EnvMonitoring.Node.Tests.Support;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Node.Tests.Publishing;

public sealed class CalibrationCommandTests : IDisposable
{
    private const string Park = "YenBinh";
    private const string Station = "YB-WWTP-01";
    private static readonly DateTimeOffset Received = new(2026, 3, 15, 3, 0, 0, TimeSpan.Zero);

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

    [Theory]
    [InlineData("""{"active":true}""", true, "", 60)]
    [InlineData("""{"active":true,"parameters":["pH","COD"],"minutes":30}""", true, "pH,COD", 30)]
    [InlineData("""{"active":true,"minutes":10000}""", true, "", 480)]
    [InlineData("""{"active":true,"until":"2026-03-15T10:45:00+07:00"}""", true, "", 45)]
    [InlineData("""{"active":false,"parameters":["NH4"]}""", false, "NH4", 60)]
    public void Commands_parse_with_their_duration_bounded(string json, bool active, string parameters, double minutes)
    {
        Assert.True(CalibrationCommand.TryParse(Encoding.UTF8.GetBytes(json), ParameterCatalog.Default, out var command, out var problem), problem);

        Assert.Equal(active, command!.Active);
        Assert.Equal(parameters, string.Join(",", command.Parameters));
        Assert.Equal(Received.AddMinutes(minutes), command.EndsAt(Received, TimeSpan.FromHours(1), TimeSpan.FromHours(8)));
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("""{"parameters":["pH"]}""", "active")]
    [InlineData("""{"active":true,"parameters":["ph"]}""", "'ph' is not in the parameter catalog")]
    [InlineData("""{"active":true,"minutes":-5}""", "positive")]
    [InlineData("""{"active":true,"until":"2026-03-15T10:45:00"}""", "offset")]
    public void Bad_commands_are_refused_with_a_reason(string json, string problem)
    {
        Assert.False(CalibrationCommand.TryParse(Encoding.UTF8.GetBytes(json), ParameterCatalog.Default, out _, out var reason));

        Assert.Contains(problem, reason, StringComparison.Ordinal);
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
