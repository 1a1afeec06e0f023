using System.Text;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Commands;

namespace EnvMonitoring.Protocol.Tests.Commands;

public sealed class CalibrationCommandTests
{
    private static readonly DateTimeOffset Received = new(2026, 3, 15, 3, 0, 0, TimeSpan.Zero);

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

    [Fact]
    public void A_command_written_with_until_reads_back_the_same_and_ends_at_its_until()
    {
        var sent = new CalibrationCommand(true, ["pH", "COD"], null, Received.AddMinutes(45));

        var json = Encoding.UTF8.GetString(sent.ToUtf8());
        Assert.True(CalibrationCommand.TryParse(sent.ToUtf8(), ParameterCatalog.Default, out var read, out var problem), problem);

        Assert.Equal("""{"active":true,"parameters":["pH","COD"],"until":"2026-03-15T10:45:00+07:00"}""", json);
        Assert.Equal(["pH", "COD"], read!.Parameters);
        // Received again later (a retained command on a reconnect): the window does not restart.
        Assert.Equal(Received.AddMinutes(45), read.EndsAt(Received.AddMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(8)));
    }

    [Fact]
    public void An_end_command_is_just_active_false()
    {
        Assert.Equal("""{"active":false}""", Encoding.UTF8.GetString(new CalibrationCommand(false, [], null, null).ToUtf8()));
    }
}
