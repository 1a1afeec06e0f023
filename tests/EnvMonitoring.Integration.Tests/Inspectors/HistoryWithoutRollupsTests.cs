namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>With rollups switched off, 1 h and local-day windows come from raw data and still equal the test's own aggregates.</summary>
public sealed class HistoryWithoutRollupsTests(NoRollupFixture fixture) : IClassFixture<NoRollupFixture>
{
    [Theory]
    [InlineData("1h")]
    [InlineData("1d")]
    public async Task Hourly_and_daily_aggregates_from_raw_data_equal_the_tests_own(string window)
    {
        var station = $"RAW-{window.ToUpperInvariant()}";
        var readings = HistoryTests.Series(station);
        await fixture.StoreAsync(readings, rollUp: false);
        var length = window == "1h" ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);

        var actual = await HistoryClient.WindowsAsync(fixture.Inspector, HistoryClient.Url(station, "COD", HistoryTests.Start, HistoryTests.End, window), "COD");

        HistoryClient.AssertSame(ExpectedWindow.Of(readings, "COD", length), actual, $"COD per {window} from raw data");
    }
}
