using System.Globalization;
using System.Net;
using System.Text.Json;
using EnvMonitoring.Cloud.Rollups;
using Microsoft.Extensions.DependencyInjection;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>
/// <c>GET /api/history</c> against a real InfluxDB: every aggregate equals the one the test computes
/// from the readings it stored (valid ones only), across local-day boundaries at 17:00 UTC, from
/// raw data and from rollups, including data that arrives late.
/// </summary>
public sealed class HistoryTests(InspectorFixture fixture) : IClassFixture<InspectorFixture>
{
    // Recent data (within the rollups' late-data horizon), whole hours, ending 8 h ago.
    internal static readonly DateTimeOffset Start = WholeHoursAgo(60);
    internal static readonly DateTimeOffset End = Start.AddHours(52);

    /// <summary>The first local midnight (17:00 UTC) at least an hour after <see cref="Start"/>.</summary>
    private static readonly DateTimeOffset Midnight = Start.AddHours(Start.Hour < 16 ? 17 - Start.Hour : 41 - Start.Hour);

    private static DateTimeOffset WholeHoursAgo(int hours)
    {
        var now = DateTimeOffset.UtcNow.UtcTicks;
        return new DateTimeOffset(now - (now % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(-hours);
    }

    /// <summary>One-minute COD and pH with calibration, faults, negative (invalid) COD and one reading a breath before local midnight.</summary>
    internal static List<StoredReading> Series(string station)
    {
        var random = new Random(7);
        var readings = new List<StoredReading>();
        for (var i = 0; Start.AddMinutes(i) < End; i++)
        {
            var time = Start.AddMinutes(i);
            var status = i % 97 == 0 ? 1 : i % 211 == 0 ? 2 : 0;
            var cod = i % 301 == 5 ? -1.5 : 50 + (30 * Math.Sin(i / 50.0)) + random.NextDouble();
            readings.Add(new StoredReading(station, time, "COD", Math.Round(cod, 3), status));
            readings.Add(new StoredReading(station, time, "pH", Math.Round(7 + random.NextDouble(), 3)));
        }

        // 16:59:59.5 UTC is 23:59:59.5 local: the last moment of a local day.
        readings.Add(new StoredReading(station, Midnight.AddMilliseconds(-500), "COD", 1000));
        return readings;
    }

    [Theory]
    [InlineData("1m")]
    [InlineData("15m")]
    [InlineData("1h")]
    [InlineData("1d")]
    public async Task Aggregates_equal_those_computed_from_the_stored_readings(string window)
    {
        var station = $"HIST-AGG-{window.ToUpperInvariant()}";
        var readings = Series(station);
        await fixture.StoreAsync(readings);
        var length = window switch { "1m" => TimeSpan.FromMinutes(1), "15m" => TimeSpan.FromMinutes(15), "1h" => TimeSpan.FromHours(1), _ => TimeSpan.FromDays(1) };

        foreach (var code in new[] { "COD", "pH" })
        {
            var actual = await HistoryClient.WindowsAsync(fixture.Inspector, HistoryClient.Url(station, "COD,pH", Start, End, window), code);
            HistoryClient.AssertSame(ExpectedWindow.Of(readings, code, length), actual, $"{code} per {window}");
        }
    }

    [Fact]
    public async Task A_local_day_runs_from_17_00_UTC_to_17_00_UTC()
    {
        const string station = "HIST-DAY-01";
        var readings = Series(station);
        await fixture.StoreAsync(readings);

        var days = await HistoryClient.WindowsAsync(fixture.Inspector, HistoryClient.Url(station, "COD", Start, End, "1d"), "COD");

        Assert.All(days, d => Assert.Equal(17, d.Start.UtcDateTime.Hour));
        Assert.All(days, d => Assert.Equal(TimeSpan.Zero, d.Start.ToOffset(TimeSpan.FromHours(7)).TimeOfDay));
        var before = Assert.Single(days, d => d.Start == Midnight.AddDays(-1));
        var after = Assert.Single(days, d => d.Start == Midnight);
        Assert.Equal(1000, before.Max);
        Assert.True(after.Max < 1000);
        var validAfter = readings.Count(r => r.Code == "COD" && r.IsValid && r.Time >= Midnight && r.Time < Midnight.AddDays(1));
        Assert.Equal(validAfter, after.Count);
        Assert.Equal(24 * 60, readings.Count(r => r.Code == "COD" && r.Time >= Midnight && r.Time < Midnight.AddDays(1)));
    }

    [Fact]
    public async Task Late_data_is_rolled_up_into_the_hours_and_days_it_belongs_to()
    {
        const string station = "HIST-LATE-01";
        var readings = Series(station);
        await fixture.StoreAsync(readings);
        // A gateway replays an outage: half-minute readings inside hours already rolled up.
        var late = Enumerable.Range(0, 120).Select(i => new StoredReading(station, Start.AddHours(30).AddSeconds(30 + (60 * i)), "COD", 400 + i)).ToList();
        await fixture.StoreAsync(late);
        var all = readings.Concat(late).ToList();

        foreach (var (window, length) in new[] { ("1h", TimeSpan.FromHours(1)), ("1d", TimeSpan.FromDays(1)) })
        {
            var actual = await HistoryClient.WindowsAsync(fixture.Inspector, HistoryClient.Url(station, "COD", Start, End, window), "COD");
            HistoryClient.AssertSame(ExpectedWindow.Of(all, "COD", length), actual, $"COD per {window} after late data");
        }
    }

    [Fact]
    public async Task Rollups_of_a_range_longer_than_a_read_slice_come_back_whole_and_once()
    {
        // 75 days of hourly readings: rollups are read a month at a time, so three slices meet at two boundaries.
        const string station = "HIST-LONG-01";
        var end = WholeHoursAgo(24 * 10);
        var start = end.AddDays(-75);
        var readings = Enumerable.Range(0, 75 * 24)
            .Select(h => new StoredReading(station, start.AddHours(h).AddMinutes(h % 60), "COD", 10 + (h % 37)))
            .ToList();
        await fixture.StoreAsync(readings, rollUp: false);
        await fixture.Cloud.Services.GetRequiredService<RollupService>().RecomputeAsync(InspectorHostFixture.Park, station, start, end, CancellationToken.None);

        foreach (var (window, length) in new[] { ("1h", TimeSpan.FromHours(1)), ("1d", TimeSpan.FromDays(1)) })
        {
            var actual = await HistoryClient.WindowsAsync(fixture.Inspector, HistoryClient.Url(station, "COD", start, end, window), "COD");
            HistoryClient.AssertSame(ExpectedWindow.Of(readings, "COD", length), actual, $"COD per {window} over 75 days");
        }
    }

    [Fact]
    public async Task Csv_streams_raw_readings_with_their_status_and_aggregates_with_one_column_per_function()
    {
        const string station = "HIST-CSV-01";
        var readings = Series(station);
        await fixture.StoreAsync(readings);

        using var raw = await fixture.Inspector.GetAsync(new Uri(HistoryClient.Url(station, "COD", Start, End, "raw", format: "csv"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal("text/csv", raw.Content.Headers.ContentType?.MediaType);
        var lines = (await raw.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time,COD,COD_status", lines[0]);
        var cod = readings.Where(r => r.Code == "COD").OrderBy(r => r.Time).ToList();
        Assert.Equal(cod.Count, lines.Length - 1);
        for (var i = 0; i < cod.Count; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal(cod[i].Time, DateTimeOffset.Parse(cells[0], CultureInfo.InvariantCulture));
            Assert.Equal(cod[i].Value, double.Parse(cells[1], CultureInfo.InvariantCulture));
            Assert.Equal(cod[i].Status, int.Parse(cells[2], CultureInfo.InvariantCulture));
        }

        using var hourly = await fixture.Inspector.GetAsync(new Uri(HistoryClient.Url(station, "COD", Start, End, "1h", "mean,count", "csv"), UriKind.Relative));
        var rows = (await hourly.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("start,COD_mean,COD_count", rows[0]);
        var expected = ExpectedWindow.Of(readings, "COD", TimeSpan.FromHours(1));
        Assert.Equal(expected.Count, rows.Length - 1);
        foreach (var (e, row) in expected.Zip(rows.Skip(1)))
        {
            var cells = row.Split(',');
            Assert.Equal(e.Start, DateTimeOffset.Parse(cells[0], CultureInfo.InvariantCulture));
            Assert.Equal(e.Mean!.Value, double.Parse(cells[1], CultureInfo.InvariantCulture), 9);
            Assert.Equal(e.Count, int.Parse(cells[2], CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("param=COD&window=1h", "station")]
    [InlineData("station=bad%20id&param=COD", "station")]
    [InlineData("station=S1", "param")]
    [InlineData("station=S1&param=cod", "param")]
    [InlineData("station=S1&param=COD,COD", "param")]
    [InlineData("station=S1&param=COD&window=2h", "window")]
    [InlineData("station=S1&param=COD&fn=median", "fn")]
    [InlineData("station=S1&param=COD&format=xml", "format")]
    [InlineData("station=S1&param=COD&from=yesterday", "from")]
    [InlineData("station=S1&param=COD&from=2026-03-01T00:00:00", "from")]
    [InlineData("station=S1&param=COD&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from")]
    [InlineData("station=S1&param=COD&from=2000-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "to")]
    public async Task A_bad_argument_is_a_400_problem_naming_it(string query, string bad)
    {
        using var response = await fixture.Inspector.GetAsync(new Uri("/api/history?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal([bad], errors.EnumerateObject().Select(p => p.Name));
        Assert.False(string.IsNullOrWhiteSpace(errors.GetProperty(bad)[0].GetString()));
    }
}
