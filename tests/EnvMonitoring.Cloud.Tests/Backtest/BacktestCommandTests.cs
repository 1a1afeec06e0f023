using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnvMonitoring.Cloud.Backtest;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Cloud.Tests.Backtest;

/// <summary>
/// <c>backtest</c> over history stored in a real InfluxDB (<see cref="BacktestHistory"/>). The
/// expected events are worked out by hand from the stored values, the permit limit (COD ≤ 100)
/// and the documented defaults (docs/rules.md).
/// </summary>
public sealed class BacktestCommandTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private static readonly string[] Range = ["--from", "2026-11-10T08:00", "--to", "2026-11-10T12:00+07:00", "--warmup", "00:30:00"];

    /// <summary>What the defaults make of the history.</summary>
    private static readonly string[] Expected =
    [
        // 160 mg/L: 1.6× the limit, the 1.5× tier.
        "2026-11-10T08:30:00+07:00 opened instantaneous COD from1point5",
        // 250 mg/L: 2.5×.
        "2026-11-10T08:35:00+07:00 escalated instantaneous COD from2",
        // Mean of (07:40, 08:40]: (459 + 160 + 250 + 170) / 12 = 86.58 mg/L, at least 80% of the limit.
        "2026-11-10T08:40:00+07:00 opened hourlyMean COD approaching",
        // Below 2 × 0.95 since 08:40 for the clear time (15 min): down to the 1.5× tier.
        "2026-11-10T08:55:00+07:00 deEscalated instantaneous COD from1point5",
        // Below 0.95 × the limit since 08:45 for 15 min.
        "2026-11-10T09:00:00+07:00 cleared instantaneous COD none",
        // The mean of (08:35, 09:35] is 60.9, at most 0.8 × 0.95 × the limit, and stays so for 15 min.
        "2026-11-10T09:50:00+07:00 cleared hourlyMean COD none",
        // Last sample 10:00; more than 15 min without data at the 10:16 tick.
        "2026-11-10T10:16:00+07:00 opened stationOffline - warning",
    ];

    [Fact]
    public async Task Json_lists_exactly_what_the_rules_would_have_fired_over_stored_history()
    {
        var history = await HistoryAsync("bt_json", "BT-JSON-01");

        var (code, output, errors) = await RunAsync([.. history.Configuration(), "--station", history.Station, .. Range, "--json"]);

        Assert.True(code == 0, errors);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(Expected, Events(root));
        var events = root.GetProperty("events");
        Assert.Equal(1.6, events[0].GetProperty("multiple").GetDouble(), 9);
        Assert.Equal(250, events[1].GetProperty("value").GetDouble());
        Assert.Equal(1039 / 12.0, events[2].GetProperty("value").GetDouble(), 9);
        Assert.Equal(100, events[2].GetProperty("limitMax").GetDouble());
        Assert.Equal("BT-JSON-01/COD/Instantaneous/1", events[0].GetProperty("alertId").GetString());
        Assert.Equal(25, root.GetProperty("samples").GetInt64());
        Assert.Equal(6, root.GetProperty("warmupSamples").GetInt64());
        Assert.Equal(3, root.GetProperty("eventsByKind").GetProperty("opened").GetInt32());
        Assert.Equal(["BT-JSON-01/-/StationOffline/7"], root.GetProperty("activeAtEnd").EnumerateArray().Select(a => a.GetString()));
        Assert.Empty(root.GetProperty("openAtStart").EnumerateArray());
        Assert.Equal("2026-11-10T07:30:00+07:00", root.GetProperty("warmupFrom").GetString());
    }

    [Fact]
    public async Task Table_shows_each_event_in_local_time_and_a_summary()
    {
        var history = await HistoryAsync("bt_table", "BT-TABLE-01");

        var (code, output, errors) = await RunAsync([.. history.Configuration(), "--station", history.Station, .. Range]);

        Assert.True(code == 0, errors);
        var lines = output.Split('\n').Select(l => Regex.Replace(l.TrimEnd(), " {2,}", " | ")).ToList();
        Assert.Contains("Backtest of BT-TABLE-01 (Trạm thử nghiệm, park BtPark), 2026-11-10 08:00:00 → 2026-11-10 12:00:00 (Asia/Ho_Chi_Minh)", output, StringComparison.Ordinal);
        Assert.Contains("2026-11-10 08:30:00 | opened | instantaneous | COD | from1point5 | ×1.60 | 160 mg/L | BT-TABLE-01/COD/Instantaneous/1", lines);
        Assert.Contains("2026-11-10 10:16:00 | opened | stationOffline | - | warning | BT-TABLE-01/-/StationOffline/7", lines);
        Assert.Equal(7, lines.Count(l => l.StartsWith("2026-11-10 ", StringComparison.Ordinal)));
        Assert.Contains("Events: 7 — opened 3, escalated 1, deEscalated 1, cleared 2", lines);
        Assert.Contains("Highest multiple: ×2.50 COD instantaneous at 2026-11-10 08:35:00", lines);
        Assert.Contains("Still active at the end: BT-TABLE-01/-/StationOffline/7 (warning)", lines);
    }

    [Fact]
    public async Task A_range_without_events_says_so_without_contradicting_the_alert_still_open()
    {
        var history = await HistoryAsync("bt_quiet", "BT-QUIET-01");

        // After the last sample (10:00) and the station's going offline (10:16): nothing changes.
        var (code, output, errors) = await RunAsync([.. history.Configuration(), "--station", history.Station, "--from", "2026-11-10T10:20", "--to", "2026-11-10T10:50"]);

        Assert.True(code == 0, errors);
        Assert.DoesNotContain("Nothing would have fired", output, StringComparison.Ordinal);
        Assert.Contains("No alert would have opened, changed or cleared in the range; 1 already open at its start stayed open (below).", output, StringComparison.Ordinal);
        Assert.Contains("No samples of BT-QUIET-01 are stored in the range.", output, StringComparison.Ordinal);
        Assert.Matches(@"Open at the start: BT-QUIET-01/-/StationOffline/\d+ \(warning\)", output);
        Assert.Matches(@"Still active at the end: BT-QUIET-01/-/StationOffline/\d+ \(warning\)", output);
    }

    [Fact]
    public async Task Rule_settings_set_on_the_command_line_change_what_fires()
    {
        var history = await HistoryAsync("bt_set", "BT-SET-01");

        var (code, output, errors) = await RunAsync(
            [.. history.Configuration(), "--station", history.Station, .. Range, "--json", "--set", "SustainedFor=00:10:00", "--set", "Disabled:0=HourlyMean"]);

        Assert.True(code == 0, errors);
        using var json = JsonDocument.Parse(output);
        var events = Events(json.RootElement);
        // 08:30–08:40 above the limit is a 10-minute run, judged at its lowest multiple (1.6×).
        Assert.Contains("2026-11-10T08:40:00+07:00 opened sustained COD from1point5", events);
        Assert.DoesNotContain(events, e => e.Contains("hourlyMean", StringComparison.Ordinal));
        Assert.Equal("00:10:00", json.RootElement.GetProperty("settings").GetProperty("SustainedFor").GetString());
        Assert.DoesNotContain(Expected.Where(e => !e.Contains("hourlyMean", StringComparison.Ordinal)), e => !events.Contains(e));
    }

    [Fact]
    public async Task Rule_settings_from_a_json_file_apply_like_the_station_configuration()
    {
        var history = await HistoryAsync("bt_file", "BT-FILE-01");
        var file = Path.Combine(Path.GetTempPath(), $"envmon-backtest-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "OfflineAfter": "01:00:00", "Disabled": [ "HourlyMean" ] }""");
        try
        {
            var (code, output, errors) = await RunAsync([.. history.Configuration(), "--station", history.Station, .. Range, "--json", "--settings", file]);

            Assert.True(code == 0, errors);
            using var json = JsonDocument.Parse(output);
            Assert.Equal(
                [.. Expected.Where(e => !e.Contains("hourlyMean", StringComparison.Ordinal) && !e.Contains("stationOffline", StringComparison.Ordinal)),
                 // With the station not yet offline, COD's own silence (over 15 min) is reported first.
                 "2026-11-10T10:16:00+07:00 opened parameterSilent COD warning",
                 "2026-11-10T11:01:00+07:00 opened stationOffline - warning"],
                Events(json.RootElement));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_alert_open_before_the_range_is_carried_in_from_the_warm_up()
    {
        var history = await HistoryAsync("bt_warm", "BT-WARM-01");

        var (code, output, errors) = await RunAsync(
            [.. history.Configuration(), "--station", history.Station, "--from", "2026-11-10T08:45", "--to", "2026-11-10T09:30", "--warmup", "01:15:00", "--json"]);

        Assert.True(code == 0, errors);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(
            ["2026-11-10T08:55:00+07:00 deEscalated instantaneous COD from1point5", "2026-11-10T09:00:00+07:00 cleared instantaneous COD none"],
            Events(json.RootElement));
        Assert.Equal(["BT-WARM-01/COD/Instantaneous/1", "BT-WARM-01/COD/HourlyMean/3"], json.RootElement.GetProperty("openAtStart").EnumerateArray().Select(a => a.GetString()).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(["BT-WARM-01/COD/HourlyMean/3"], json.RootElement.GetProperty("activeAtEnd").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Unknown_station_is_a_clear_error_naming_the_known_ones()
    {
        var history = new BacktestHistory(influx.Server, "bt_unknown", "BtPark", "BT-KNOWN-01");

        var (code, output, errors) = await RunAsync([.. history.Configuration(), "--station", "BT-NOPE-01", .. Range]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("backtest: Station 'BT-NOPE-01' is not in the station registry (configuration section Stations); known: BT-KNOWN-01.", errors.Trim());
    }

    [Theory]
    [InlineData("--from", "yesterday", "--from 'yesterday' is not a time")]
    [InlineData("--to", "2026-11-10T07:00+07:00", "--to (2026-11-10T07:00:00.0000000+07:00) must be after --from (2026-11-10T08:00:00.0000000+07:00).")]
    [InlineData("--set", "SustainFor=00:10:00", "the rule settings do not apply")]
    [InlineData("--set", "SustainedFor=ten minutes", "the rule settings do not apply")]
    [InlineData("--tick", "soon", "--tick 'soon' is not a duration")]
    public async Task Bad_input_is_a_clear_error(string option, string value, string message)
    {
        var history = new BacktestHistory(influx.Server, "bt_bad", "BtPark", "BT-BAD-01");
        // The option comes last, so it wins over the range given before it.
        string[] args = ["--from", "2026-11-10T08:00", "--to", "2026-11-10T12:00", option, value];

        var (code, output, errors) = await RunAsync([.. history.Configuration(), "--station", history.Station, .. args]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("backtest: ", errors, StringComparison.Ordinal);
        Assert.Contains(message, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_as_the_backtest_subcommand_of_the_cloud_host()
    {
        var history = await HistoryAsync("bt_process", "BT-PROC-01");
        var host = Path.Combine(AppContext.BaseDirectory, "EnvMonitoring.Cloud.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["exec", host, "backtest", .. history.Configuration(credentials: false), "--station", history.Station, .. Range, "--json"])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in history.CredentialEnvironment())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(process.ExitCode == 0, await errors);
        using var json = JsonDocument.Parse(await output);
        Assert.Equal(Expected, Events(json.RootElement));
    }

    [Fact]
    public async Task A_range_in_the_future_is_a_clear_error()
    {
        var history = new BacktestHistory(influx.Server, "bt_future", "BtPark", "BT-FUTURE-01");

        var (code, output, errors) = await RunAsync([.. history.Configuration(), "--station", history.Station, "--from", "2099-01-01", "--to", "2099-01-02"]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("backtest: --from (2099-01-01T00:00:00.0000000+07:00) is in the future: there is no history there yet.", errors.Trim());
    }

    [Fact]
    public async Task Help_prints_the_usage_and_succeeds()
    {
        var (code, output, errors) = await RunAsync(["--help"]);

        Assert.Equal(0, code);
        Assert.Empty(errors);
        Assert.StartsWith("Usage: EnvMonitoring.Cloud backtest --station S [--from TIME] [--to TIME]", output, StringComparison.Ordinal);
        Assert.Contains("--set Key=Value", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_influxdb_fails_with_the_reason()
    {
        var history = new BacktestHistory(influx.Server, "bt_down", "BtPark", "BT-DOWN-01");

        var (code, _, errors) = await RunAsync([.. history.Configuration(), $"--Influx:Url=http://127.0.0.1:{FreePort.Next()}", "--station", history.Station, .. Range]);

        Assert.Equal(1, code);
        Assert.StartsWith("backtest failed: ", errors, StringComparison.Ordinal);
    }

    private async Task<BacktestHistory> HistoryAsync(string database, string station)
    {
        var history = new BacktestHistory(influx.Server, database, "BtPark", station);
        await history.WriteAsync();
        return history;
    }

    private static List<string> Events(JsonElement root) =>
        [.. root.GetProperty("events").EnumerateArray().Select(e =>
            $"{e.GetProperty("measuredAt").GetString()} {e.GetProperty("event").GetString()} {e.GetProperty("rule").GetString()} {e.GetProperty("parameter").GetString() ?? "-"} {e.GetProperty("severity").GetString()}")];

    private static async Task<(int Code, string Output, string Errors)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await BacktestCommand.RunAsync(args, output, errors, CancellationToken.None);
        return (code, output.ToString(), errors.ToString());
    }
}
