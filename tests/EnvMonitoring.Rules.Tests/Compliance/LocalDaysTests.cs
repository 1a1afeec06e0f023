using EnvMonitoring.Rules.Compliance;

namespace EnvMonitoring.Rules.Tests.Compliance;

public sealed class LocalDaysTests
{
    [Theory]
    [InlineData("2026-03-01T16:59:59Z", "2026-03-01T00:00:00+07:00")]
    [InlineData("2026-03-01T17:00:00Z", "2026-03-02T00:00:00+07:00")]
    [InlineData("2026-03-02T00:00:00+07:00", "2026-03-02T00:00:00+07:00")]
    [InlineData("2026-12-31T23:30:00Z", "2027-01-01T00:00:00+07:00")]
    public void A_local_day_starts_at_17_00_UTC(string instant, string expectedStart) =>
        Assert.Equal(DateTimeOffset.Parse(expectedStart, System.Globalization.CultureInfo.InvariantCulture),
            LocalDays.StartOf(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_ceiling_of_a_midnight_is_itself()
    {
        var midnight = new DateTimeOffset(2026, 3, 2, 0, 0, 0, LocalDays.Offset);

        Assert.Equal(midnight, LocalDays.CeilingOf(midnight));
        Assert.Equal(midnight.AddDays(1), LocalDays.CeilingOf(midnight.AddTicks(1)));
    }
}
