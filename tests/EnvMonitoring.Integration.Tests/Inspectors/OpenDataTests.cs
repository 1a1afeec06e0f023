using System.Net;
using System.Text.Json;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>
/// The open-data endpoint (Decree 08/2022 Art. 102): no sign-in, hourly means of valid readings of
/// the last 30 days without internal fields, and a per-client rate limit answering 429 with Retry-After.
/// </summary>
public sealed class OpenDataTests(OpenDataFixture fixture) : IClassFixture<OpenDataFixture>
{
    [Fact]
    public async Task Anyone_gets_hourly_means_of_valid_data_until_the_rate_limit_answers_429()
    {
        const string station = "PUB-01";
        var now = DateTimeOffset.UtcNow;
        var hour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var readings = new List<StoredReading>();
        for (var i = 0; i < 12 * 6; i++)
        {
            var time = hour.AddHours(-6).AddMinutes(5 * i);
            readings.Add(new StoredReading(station, time, "COD", 40 + (i % 12), i % 12 == 0 ? 1 : 0));
            readings.Add(new StoredReading(station, time, "pH", 7.1));
        }

        // Older than 30 days: not public any more.
        readings.Add(new StoredReading(station, hour.AddDays(-31), "COD", 999));
        await fixture.StoreAsync(readings);
        using var anonymous = fixture.Cloud.ClientFor(null);

        using var response = await anonymous.GetAsync(new Uri($"/api/public/stations/{station}/hourly", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var hours = json.RootElement.GetProperty("hours").EnumerateArray().ToList();
        Assert.Equal(6, hours.Count);
        foreach (var h in hours)
        {
            var start = h.GetProperty("time").GetDateTimeOffset();
            var expected = readings.Where(r => r.Code == "COD" && r.IsValid && r.Time >= start && r.Time < start.AddHours(1)).Average(r => r.Value);
            Assert.Equal(Math.Round(expected, 3), h.GetProperty("means").GetProperty("COD").GetDouble());
            Assert.Equal(7.1, h.GetProperty("means").GetProperty("pH").GetDouble());
        }

        foreach (var internalField in new[] { "status", "_status", "count", "seq", "note", "alert" })
        {
            Assert.DoesNotContain($"\"{internalField}", body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/api/public/stations/NOPE-01/hourly", UriKind.Relative))).StatusCode);
        using var board = await anonymous.GetAsync(new Uri($"/api/public/stations/{station}/board", UriKind.Relative));
        Assert.Equal("text/html", board.Content.Headers.ContentType?.MediaType);

        using var limited = await anonymous.GetAsync(new Uri($"/api/public/stations/{station}/hourly", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = Assert.Single(limited.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
    }
}
