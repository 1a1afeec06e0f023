using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Cloud.Seals;
using EnvMonitoring.Integration.Tests.Alerts;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EnvMonitoring.Integration.Tests.Seals;

/// <summary>
/// Seals in the real host over a real InfluxDB (issue #17): what ingestion stored is sealed per station
/// and local day; tampering made through InfluxDB's own HTTP API — a value changed, a reading deleted,
/// a reading inserted, an alert event edited — is found and named by <c>/api/integrity</c> while
/// untouched days stay intact; data arriving after a day was sealed makes a second version.
/// </summary>
public sealed class SealsHostTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    [Fact]
    public async Task Tampering_through_InfluxDB_is_found_and_named_and_untouched_days_stay_intact()
    {
        var station = new AlertStation("SealPark", $"SL-{Guid.NewGuid():N}"[..12]);
        await using var cloud = await StartAsync(station);
        using var inspector = cloud.ClientFor(TestUsers.Inspector);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Offset).DateTime);
        var (d3, d2, d1) = (today.AddDays(-3), today.AddDays(-2), today.AddDays(-1));
        await using var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}");
        foreach (var day in new[] { d3, d2, d1 })
        {
            for (var minute = 0; minute < 5; minute++)
            {
                await publisher.PublishAsync(station.Topic, station.Sample(At(day, minute), cod: 40 + minute));
            }
        }

        // Today: an exceedance opens an alert, whose event is sealed with the day's samples.
        var now = DateTimeOffset.UtcNow;
        await publisher.PublishAsync(station.Topic, station.Sample(now.AddSeconds(-20), cod: 40));
        await publisher.PublishAsync(station.Topic, station.Sample(now.AddSeconds(-15), cod: 250));
        var days = await UntilAsync(inspector, station.Station, d3, today, d =>
            d.Take(3).All(x => Verdict(x) == "intact" && x.GetProperty("sealedSamples").GetInt32() == 5)
            && Verdict(d[3]) == "intact" && d[3].GetProperty("sealedSamples").GetInt32() == 2 && d[3].GetProperty("sealedEvents").GetInt32() >= 1);
        Assert.All(days, d => Assert.Empty(d.GetProperty("findings").EnumerateArray()));

        // The tampering, as anyone holding InfluxDB credentials could do it.
        var db = cloud.Database;
        await influx.Server.WriteAsync(db, $"sample,park=SealPark,station={station.Station} COD=11 {Ms(At(d2, 2))}");
        (await influx.Server.QueryAsync(db, $"DELETE FROM sample WHERE station = '{station.Station}' AND time = {Ms(At(d1, 3))}ms")).Dispose();
        await influx.Server.WriteAsync(db, $"sample,park=SealPark,station={station.Station} COD=12,pH=7 {Ms(At(d1, 30))}");
        var (eventTime, eventJson, eventSeq) = await FirstEventAsync(db, station.Station);
        var edited = eventJson.Replace("\"Severity\":\"From2\"", "\"Severity\":\"Warning\"", StringComparison.Ordinal);
        Assert.NotEqual(eventJson, edited);
        await influx.Server.WriteAsync(db, "longterm", $"alert_event,park=SealPark,station={station.Station} json=\"{edited.Replace("\"", "\\\"", StringComparison.Ordinal)}\" {eventTime}");

        var checkedDays = await IntegrityAsync(inspector, station.Station, d3, today);
        Assert.Equal(["intact", "tampered", "tampered", "tampered"], checkedDays.Select(Verdict));
        var altered = Assert.Single(Findings(checkedDays[1]));
        Assert.Equal(("altered", "COD", Local(At(d2, 2))), (altered.GetProperty("kind").GetString(), altered.GetProperty("parameter").GetString(), altered.GetProperty("time").GetString()));
        Assert.Contains("COD=11", altered.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var d1Findings = Findings(checkedDays[2]);
        Assert.Equal(2, d1Findings.Count);
        Assert.Contains(d1Findings, f => f.GetProperty("kind").GetString() == "deleted" && f.GetProperty("time").GetString() == Local(At(d1, 3)));
        Assert.Contains(d1Findings, f => f.GetProperty("kind").GetString() == "inserted" && f.GetProperty("time").GetString() == Local(At(d1, 30)));
        var eventFinding = Assert.Single(Findings(checkedDays[3]));
        Assert.Equal(("altered", eventSeq), (eventFinding.GetProperty("kind").GetString(), eventFinding.GetProperty("seq").GetInt64()));

        // The command line finds the same from InfluxDB alone, trusting only the public key given.
        var publicKey = Path.Combine(cloud.QuarantineDirectory, "centre.pub.pem");
        await File.WriteAllTextAsync(publicKey, (await inspector.GetFromJsonAsync<JsonElement>(new Uri("/api/seals/keys", UriKind.Relative)))[0].GetProperty("publicKey").GetString());
        string[] configuration = [.. influx.Server.CloudSettings(db).Select(s => $"--{s.Key}={s.Value}"), .. station.Settings().Select(s => $"--{s.Key}={s.Value}")];
        // The host's newest seals reach InfluxDB within the seal journal's half-second batching (the API counts them already).
        var (exit, output) = (0, "");
        await Eventually.UntilAsync(
            async () =>
            {
                (exit, output) = await VerifyAsync([.. configuration, "--station", station.Station, "--from", $"{d3:yyyy-MM-dd}", "--to", $"{d1:yyyy-MM-dd}", "--public-key", publicKey]);
                return output.Contains($"{d3:yyyy-MM-dd}  INTACT", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(10),
            "the command line finds the untouched day intact once the host's seals are written");
        Assert.Equal(1, exit);
        Assert.Contains($"COD at {Local(At(d2, 2))}, sealed in v1, is stored with another value or status: stored COD=11", output, StringComparison.Ordinal);
        Assert.Contains("TAMPERED: 2 of 3 day(s)", output, StringComparison.Ordinal);
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await File.WriteAllTextAsync(publicKey, other.ExportSubjectPublicKeyInfoPem());
        (exit, output) = await VerifyAsync([.. configuration, "--station", station.Station, "--from", $"{d3:yyyy-MM-dd}", "--public-key", publicKey]);
        Assert.Equal(1, exit);
        Assert.Contains("which is not one of the centre's keys given", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seal_made_and_not_yet_written_counts_inside_the_host_and_is_written_at_stop()
    {
        var station = new AlertStation("SealPark", $"SL-{Guid.NewGuid():N}"[..12]);
        var cloud = await StartAsync(station, ("Seals:WriteLinger", "00:01:00"));
        var day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Offset).DateTime).AddDays(-2);
        string[] configuration = [.. influx.Server.CloudSettings(cloud.Database).Select(s => $"--{s.Key}={s.Value}"), .. station.Settings().Select(s => $"--{s.Key}={s.Value}")];
        var publicKey = Path.Combine(Directory.CreateTempSubdirectory("envmon-seal-key-").FullName, "centre.pub.pem");
        string[] verify = [.. configuration, "--station", station.Station, "--from", $"{day:yyyy-MM-dd}", "--to", $"{day:yyyy-MM-dd}", "--public-key", publicKey];
        try
        {
            using var inspector = cloud.ClientFor(TestUsers.Inspector);
            await File.WriteAllTextAsync(publicKey, (await inspector.GetFromJsonAsync<JsonElement>(new Uri("/api/seals/keys", UriKind.Relative)))[0].GetProperty("publicKey").GetString());
            await using var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}");
            for (var minute = 0; minute < 3; minute++)
            {
                await publisher.PublishAsync(station.Topic, station.Sample(At(day, minute), cod: 40));
            }

            // The day is closed: its three samples are sealed at the next tick, and the seal waits a minute to be written.
            var days = await UntilAsync(inspector, station.Station, day, day, d => Verdict(d[0]) == "intact" && d[0].GetProperty("sealedSamples").GetInt32() == 3);
            Assert.Empty(Findings(days[0]));
            var (exit, output) = await VerifyAsync(verify);
            Assert.True(exit == 3, $"InfluxDB alone holds no seal of the day yet: {output}");
            Assert.Contains($"{day:yyyy-MM-dd}  UNSEALED", output, StringComparison.Ordinal);
        }
        finally
        {
            await cloud.DisposeAsync();
        }

        // The stopping host wrote the seal it held: InfluxDB alone now verifies the day.
        var (stoppedExit, stopped) = await VerifyAsync(verify);
        Assert.True(stoppedExit == 0, stopped);
        Assert.Contains($"{day:yyyy-MM-dd}  INTACT", stopped, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>verify-seals</c> in-process: its exit code and everything it printed.</summary>
    internal static async Task<(int Exit, string Output)> VerifyAsync(string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await VerifySealsCommand.RunAsync(args, output, errors, CancellationToken.None);
        return (exit, output + errors.ToString());
    }

    [Fact]
    public async Task Data_arriving_after_a_day_was_sealed_makes_a_second_version_and_both_verify()
    {
        var station = new AlertStation("SealPark", $"SL-{Guid.NewGuid():N}"[..12]);
        await using var cloud = await StartAsync(station);
        using var inspector = cloud.ClientFor(TestUsers.Inspector);
        var day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Offset).DateTime).AddDays(-2);
        await using var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}");
        for (var minute = 0; minute < 3; minute++)
        {
            await publisher.PublishAsync(station.Topic, station.Sample(At(day, minute), cod: 40));
        }

        var first = await UntilSealsAsync(inspector, station.Station, day, s => s.Count == 1);
        for (var minute = 10; minute < 12; minute++)
        {
            await publisher.PublishAsync(station.Topic, station.Sample(At(day, minute), cod: 50));
        }

        var both = await UntilSealsAsync(inspector, station.Station, day, s => s.Count == 2);
        var v1 = JsonDocument.Parse(both[0].GetProperty("document").GetString()!).RootElement;
        var v2 = JsonDocument.Parse(both[1].GetProperty("document").GetString()!).RootElement;
        Assert.Equal(first[0].GetProperty("id").GetString(), both[0].GetProperty("id").GetString());
        Assert.Equal((1, 2), (v1.GetProperty("version").GetInt32(), v2.GetProperty("version").GetInt32()));
        Assert.Equal(both[0].GetProperty("id").GetString(), v2.GetProperty("previous").GetString());
        Assert.Equal(v1.GetProperty("head").GetString(), v2.GetProperty("start").GetString());
        Assert.True(v1.GetProperty("closed").GetBoolean() && v2.GetProperty("closed").GetBoolean(), "both are made after the day closed");
        Assert.Equal((3, 2), (v1.GetProperty("samples").GetInt32(), v2.GetProperty("samples").GetInt32()));

        var verified = Assert.Single(await IntegrityAsync(inspector, station.Station, day, day));
        Assert.Equal("intact", Verdict(verified));
        Assert.Equal(5, verified.GetProperty("sealedSamples").GetInt32());
        Assert.Equal(both.Select(s => s.GetProperty("id").GetString()), verified.GetProperty("seals").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task A_day_that_ended_with_no_data_gets_an_empty_closing_seal_and_checks_intact()
    {
        var station = new AlertStation("SealPark", $"SL-{Guid.NewGuid():N}"[..12]);
        await using var cloud = await StartAsync(station);
        using var inspector = cloud.ClientFor(TestUsers.Inspector);
        var yesterday = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Offset).DateTime).AddDays(-1);

        var seal = Assert.Single(await UntilSealsAsync(inspector, station.Station, yesterday, s => s.Count >= 1));
        var document = JsonDocument.Parse(seal.GetProperty("document").GetString()!).RootElement;

        Assert.Equal((1, 0, 0, true), (document.GetProperty("version").GetInt32(), document.GetProperty("samples").GetInt32(), document.GetProperty("events").GetInt32(), document.GetProperty("closed").GetBoolean()));
        // Nothing added: the head is the SHA-256 of the start alone.
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(document.GetProperty("start").GetString()!))),
            document.GetProperty("head").GetString());
        var day = Assert.Single(await IntegrityAsync(inspector, station.Station, yesterday, yesterday));
        Assert.Equal(("intact", 0), (Verdict(day), day.GetProperty("sealedSamples").GetInt32()));

        // A reading slipped into that sealed, empty day is found.
        await influx.Server.WriteAsync(cloud.Database, $"sample,park=SealPark,station={station.Station} COD=1 {Ms(At(yesterday, 0))}");
        var tampered = Assert.Single(await IntegrityAsync(inspector, station.Station, yesterday, yesterday));
        Assert.Equal("inserted", Assert.Single(Findings(tampered)).GetProperty("kind").GetString());
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task The_keys_are_published_private_to_their_owner_and_a_rotated_key_signs_while_old_seals_still_verify()
    {
        var station = new AlertStation("SealPark", $"SL-{Guid.NewGuid():N}"[..12]);
        await using var cloud = await StartAsync(station);
        using var inspector = cloud.ClientFor(TestUsers.Inspector);
        using var anonymous = cloud.ClientFor(null);
        var keys = cloud.Services.GetRequiredService<SealingKeys>();
        var privateKey = Assert.Single(Directory.GetFiles(keys.Directory, "*.key.pem"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privateKey));
        var published = await anonymous.GetFromJsonAsync<JsonElement>(new Uri("/api/seals/keys", UriKind.Relative));
        var firstKey = Assert.Single(published.EnumerateArray()).GetProperty("id").GetString();
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", published[0].GetProperty("publicKey").GetString(), StringComparison.Ordinal);

        var day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Offset).DateTime).AddDays(-2);
        await using var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}");
        await publisher.PublishAsync(station.Topic, station.Sample(At(day, 0), cod: 40));
        await UntilSealsAsync(inspector, station.Station, day, s => s.Count == 1);
        var rotated = SealingKeys.Create(keys.Directory, DateTimeOffset.UtcNow.AddSeconds(1));
        await publisher.PublishAsync(station.Topic, station.Sample(At(day, 1), cod: 41));
        var seals = await UntilSealsAsync(inspector, station.Station, day, s => s.Count == 2);

        Assert.Equal([firstKey, rotated], seals.Select(s => JsonDocument.Parse(s.GetProperty("document").GetString()!).RootElement.GetProperty("keyId").GetString()));
        var both = await anonymous.GetFromJsonAsync<JsonElement>(new Uri("/api/seals/keys", UriKind.Relative));
        Assert.Equal([rotated, firstKey], both.EnumerateArray().Select(k => k.GetProperty("id").GetString()));
        Assert.Equal("intact", Verdict(Assert.Single(await IntegrityAsync(inspector, station.Station, day, day))));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri($"/api/integrity?station={station.Station}&from={day:yyyy-MM-dd}", UriKind.Relative))).StatusCode);
        using var viewer = cloud.ClientFor(TestUsers.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(new Uri($"/api/integrity?station={station.Station}&from={day:yyyy-MM-dd}", UriKind.Relative))).StatusCode);
    }

    private Task<CloudHost> StartAsync(AlertStation station, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>(station.Settings())
        {
            ["Seals:Interval"] = "00:00:01",
            ["Seals:CloseDelay"] = "00:00:00",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return CloudHost.StartAsync(influx.Server, $"seals_{Guid.NewGuid():N}", settings);
    }

    private static DateTimeOffset At(DateOnly day, int minute) => new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), Offset).AddMinutes(minute);

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static string Local(DateTimeOffset at) => at.ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static string? Verdict(JsonElement day) => day.GetProperty("verdict").GetString();

    private static List<JsonElement> Findings(JsonElement day) => [.. day.GetProperty("findings").EnumerateArray()];

    private async Task<(long Time, string Json, long Seq)> FirstEventAsync(string database, string station)
    {
        using var document = await influx.Server.QueryAsync(database, $"SELECT json, seq FROM longterm.alert_event WHERE station = '{station}' ORDER BY time ASC LIMIT 1");
        var row = document.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0];
        return (row[0].GetInt64(), row[1].GetString()!, row[2].GetInt64());
    }

    private static async Task<List<JsonElement>> IntegrityAsync(HttpClient client, string station, DateOnly from, DateOnly to)
    {
        var answer = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/integrity?station={station}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", UriKind.Relative));
        return [.. answer.GetProperty("days").EnumerateArray()];
    }

    private static Task<List<JsonElement>> UntilAsync(HttpClient client, string station, DateOnly from, DateOnly to, Func<List<JsonElement>, bool> done) =>
        Eventually.ValueAsync(async () =>
        {
            var days = await IntegrityAsync(client, station, from, to);
            return done(days) ? days : null;
        }, Wait, "every day is sealed and verifies");

    private static Task<List<JsonElement>> UntilSealsAsync(HttpClient client, string station, DateOnly day, Func<List<JsonElement>, bool> done) =>
        Eventually.ValueAsync(async () =>
        {
            var seals = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/seals?station={station}&day={day:yyyy-MM-dd}", UriKind.Relative));
            List<JsonElement> list = [.. seals.EnumerateArray()];
            return done(list) ? list : null;
        }, Wait, "the day's seals are stored");
}
