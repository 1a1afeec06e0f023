using System.Net;
using System.Text.Json;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>Without its font the PDF report is refused with a message that says which file, which setting and which package.</summary>
public sealed class ReportFontTests(MissingFontFixture fixture) : IClassFixture<MissingFontFixture>
{
    [Fact]
    public async Task A_missing_font_is_a_503_naming_the_file_the_setting_and_the_package()
    {
        await fixture.StoreAsync(ReportScenario.Readings("REP-01"));

        using var response = await fixture.Inspector.GetAsync(new Uri(
            $"/api/reports/compliance?station=REP-01&from={ReportScenario.Day(0):yyyy-MM-dd}&to={ReportScenario.Day(1):yyyy-MM-dd}&format=pdf", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
        Assert.Contains(MissingFontFixture.Font, detail, StringComparison.Ordinal);
        Assert.Contains("Reports:Font", detail, StringComparison.Ordinal);
        Assert.Contains("fonts-dejavu-core", detail, StringComparison.Ordinal);
    }
}
