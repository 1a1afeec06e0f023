using System.Text;
using EnvMonitoring.Protocol.Status;

namespace EnvMonitoring.Protocol.Tests.Status;

public sealed class NodeStatusTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_479_100_123);

    [Fact]
    public void An_online_status_has_state_time_and_firmware_in_contract_order()
    {
        var json = Encoding.UTF8.GetString(NodeStatus.At(StatusState.Online, "1.2.0", Now).ToUtf8());

        Assert.Equal("""{"state":"online","ts":1764479100123,"fw":"1.2.0"}""", json);
    }

    [Fact]
    public void The_last_will_is_offline_with_the_firmware_and_no_time()
    {
        var json = Encoding.UTF8.GetString(NodeStatus.LastWill("1.2.0").ToUtf8());

        Assert.Equal("""{"state":"offline","fw":"1.2.0"}""", json);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Round_trips(bool withTime)
    {
        var status = withTime ? NodeStatus.At(StatusState.Offline, "1.2.0-rc.1", Now) : NodeStatus.LastWill("1.2.0");

        Assert.True(NodeStatus.TryParse(status.ToUtf8(), out var read));

        Assert.Equal(status, read);
    }

    [Fact]
    public void Reads_a_status_with_fields_it_does_not_know()
    {
        Assert.True(NodeStatus.TryParse("""{"fw":"1.2.0","uptime":5,"state":"online","ts":1764479100123}"""u8, out var status));

        Assert.Equal(NodeStatus.At(StatusState.Online, "1.2.0", Now), status);
    }

    [Theory]
    [InlineData("""{"state":"online"}""")]
    [InlineData("""{"fw":"1.2.0"}""")]
    [InlineData("""{"state":1,"fw":"1.2.0"}""")]
    [InlineData("""{"state":"online","ts":"1764479100123","fw":"1.2.0"}""")]
    [InlineData("""{"state":"online","ts":-1,"fw":"1.2.0"}""")]
    [InlineData("""["online"]""")]
    [InlineData("online")]
    [InlineData("")]
    public void Refuses_what_is_not_a_node_status(string json)
    {
        Assert.False(NodeStatus.TryParse(Encoding.UTF8.GetBytes(json), out var status));
        Assert.Null(status);
    }

    [Fact]
    public void Refuses_a_payload_over_the_size_cap()
    {
        var padded = $$"""{"state":"online","fw":"1.2.0","pad":"{{new string('x', NodeStatus.MaxPayloadBytes)}}"}""";

        Assert.False(NodeStatus.TryParse(Encoding.UTF8.GetBytes(padded), out _));
    }
}
