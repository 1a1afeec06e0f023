using System.Text;
using EnvMonitoring.Protocol.Status;

namespace EnvMonitoring.Protocol.Tests.Status;

public sealed class GatewayStatusTests
{
    private static readonly DateTimeOffset Oldest = new(2026, 11, 30, 1, 5, 0, TimeSpan.Zero);

    [Fact]
    public void A_running_gateway_reports_its_backlog_and_counters_in_contract_order()
    {
        var json = Encoding.UTF8.GetString(GatewayStatus.Running(104857, Oldest, 52341, 52100).ToUtf8());

        Assert.Equal("""{"state":"online","backlogBytes":104857,"oldestUnsent":"2026-11-30T01:05:00.0000000+00:00","accepted":52341,"forwarded":52100}""", json);
    }

    [Fact]
    public void Nothing_unsent_is_an_explicit_null()
    {
        var json = Encoding.UTF8.GetString(GatewayStatus.Running(0, null, 7, 7).ToUtf8());

        Assert.Equal("""{"state":"online","backlogBytes":0,"oldestUnsent":null,"accepted":7,"forwarded":7}""", json);
    }

    [Fact]
    public void The_oldest_unsent_time_keeps_the_offset_the_sample_carried()
    {
        var local = new DateTimeOffset(2026, 11, 30, 8, 5, 0, TimeSpan.FromHours(7)).AddTicks(1234);

        Assert.Contains("\"oldestUnsent\":\"2026-11-30T08:05:00.0001234+07:00\"", Encoding.UTF8.GetString(GatewayStatus.Running(1, local, 1, 0).ToUtf8()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_will_is_the_state_alone() =>
        Assert.Equal("""{"state":"offline"}""", Encoding.UTF8.GetString(GatewayStatus.LastWill.ToUtf8()));

    public static TheoryData<GatewayStatus> Statuses => new()
    {
        GatewayStatus.LastWill,
        GatewayStatus.Running(104857, Oldest, 52341, 52100),
        GatewayStatus.Running(0, null, 0, 0),
        GatewayStatus.Running(1, new DateTimeOffset(2026, 11, 30, 8, 5, 0, TimeSpan.FromHours(7)).AddTicks(1234), 2, 1),
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Round_trips(GatewayStatus status)
    {
        Assert.True(GatewayStatus.TryParse(status.ToUtf8(), out var read));

        Assert.Equal(status, read);
        Assert.Equal(status.OldestUnsent?.Offset, read!.OldestUnsent?.Offset);
    }

    [Theory]
    [InlineData("""{"backlogBytes":1}""")]
    [InlineData("""{"state":null}""")]
    [InlineData("""{"state":"online","backlogBytes":-1}""")]
    [InlineData("""{"state":"online","backlogBytes":"1"}""")]
    [InlineData("""{"state":"online","accepted":1.5}""")]
    [InlineData("""{"state":"online","oldestUnsent":"yesterday"}""")]
    [InlineData("""{"state":"online","oldestUnsent":1764479100123}""")]
    [InlineData("""{"state":"online",""")]
    [InlineData("42")]
    public void Refuses_what_is_not_a_gateway_status(string json)
    {
        Assert.False(GatewayStatus.TryParse(Encoding.UTF8.GetBytes(json), out var status));
        Assert.Null(status);
    }
}
