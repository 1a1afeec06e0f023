namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>With rollups off, the same report is computed from raw data hour by hour, with the same counts.</summary>
public sealed class ComplianceReportFromRawTests(NoRollupFixture fixture) : IClassFixture<NoRollupFixture>
{
    [Fact]
    public async Task The_scenario_report_from_raw_data_has_the_same_counts()
    {
        const string station = "REP-01";
        await fixture.StoreAsync(ReportScenario.Readings(station), rollUp: false);

        using var report = await ComplianceReportTests.GetReportAsync(fixture.Inspector, station);

        ComplianceReportTests.AssertScenario(report.RootElement);
    }
}
