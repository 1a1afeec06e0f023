using System.Globalization;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Tests.Storage;

/// <summary>
/// Hostile values stored in a real influxd and looked up through <see cref="InfluxQl"/>: each comes
/// back exactly, matches only its own points and never becomes a second statement. Stations are
/// validated identifiers, so <see cref="Sample"/> refuses hostile ones: those tag values are written
/// as raw line protocol here; alert ids (free text) go through <see cref="AlertEventStore"/>'s writer.
/// </summary>
public sealed class InfluxQlInfluxTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    /// <summary>Tag values (a tag cannot hold a line break, and a backslash before a space would escape it).</summary>
    public static TheoryData<string> HostileStations => new()
    {
        "it's",
        "say \"hi\"",
        "semi;colon",
        "' OR '1'='1",
        "\") OR (\"",
        "x' OR \"station\" =~ /.*/ OR \"station\" = 'y",
        "S1' OR 'a' = 'a",
        "Trạm Hà Nội – 水",
    };

    [Theory]
    [MemberData(nameof(HostileStations))]
    public async Task A_hostile_station_reads_back_exactly_and_matches_only_its_own_points(string station)
    {
        var (database, client) = await CreateAsync("qs");
        var ts = DateTimeOffset.UtcNow.AddMinutes(-5);
        await WriteSamplesAsync(database, ts, (station, 1), ("S1", 2), ("S2", 3));

        var rows = await SelectAsync(client, $"SELECT {InfluxQl.Identifiers(["COD", "station"])} FROM {InfluxQl.Identifier("sample")} " +
            $"WHERE {InfluxQl.Is("station", station)} AND {InfluxQl.Range(ts, ts.AddMinutes(1))}");

        var row = Assert.Single(rows);
        Assert.Equal(1, row[1].GetDouble());
        Assert.Equal(station, row[2].GetString());
    }

    [Fact]
    public async Task A_value_carrying_a_second_statement_stays_one_literal_and_the_database_survives()
    {
        var (database, client) = await CreateAsync("qd");
        var ts = DateTimeOffset.UtcNow.AddMinutes(-5);
        // Unquoted, this closes the literal, drops the database and opens a harmless third statement.
        var station = $"x'; DROP DATABASE \"{database}\"; SELECT * FROM \"sample\" WHERE \"station\" = 'x";
        await WriteSamplesAsync(database, ts, (station, 1), ("S1", 2));

        using var document = await client.QueryAsync($"SELECT {InfluxQl.Identifiers(["COD", "station"])} FROM {InfluxQl.Identifier("sample")} WHERE {InfluxQl.Is("station", station)}", CancellationToken.None);

        Assert.Equal(1, document.RootElement.GetProperty("results").GetArrayLength());
        var row = Assert.Single(Rows(document));
        Assert.Equal(station, row[2].GetString());
        using var databases = await influx.Server.QueryAsync(database, "SHOW DATABASES");
        Assert.Contains(database, Rows(databases).Select(r => r[0].GetString()));
        Assert.Equal(2, await influx.Server.CountAsync(database, "SELECT COUNT(\"COD\") FROM \"sample\""));
    }

    [Fact]
    public async Task A_hostile_measurement_name_is_one_identifier()
    {
        var (database, client) = await CreateAsync("qi");
        var ts = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();
        // Line protocol escapes only comma and space in a measurement name; the double quote is literal.
        await influx.Server.WriteAsync(database, $"we\"ird\\ m,station=S1 v=1 {ts}\nweird,station=S1 v=2 {ts}\n");

        var rows = await SelectAsync(client, $"SELECT {InfluxQl.Identifier("v")} FROM {InfluxQl.Identifier("we\"ird m")}");

        Assert.Equal(1, Assert.Single(rows)[1].GetDouble());
    }

    [Fact]
    public async Task Hostile_alert_ids_are_stored_and_found_exactly_through_the_alert_event_store()
    {
        var (database, client) = await CreateAsync("qa");
        string[] hostile =
        [
            "it's", "say \"hi\"", @"back\slash", @"end\", "two\nlines", "semi;colon", "' OR '1'='1", "\") OR (\"",
            "Trạm Hà Nội – 水 🌊", $"x'; DROP DATABASE \"{database}\"; SELECT * FROM \"alert_event\" WHERE \"alert\" = 'x",
        ];
        // The host's own user may not create retention policies: the long-term one is prepared beforehand, as in production.
        await influx.Server.QueryAsync(database, $"CREATE RETENTION POLICY \"longterm\" ON \"{database}\" DURATION INF REPLICATION 1");
        using var store = new AlertEventStore(client, new LongTermPolicy(client, Options.Create(new InfluxOptions())), TimeProvider.System, NullLogger<AlertEventStore>.Instance);
        await store.StartAsync(CancellationToken.None);
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        store.Append("P", Event(0, "S1/COD/Instantaneous/0", at));
        for (var i = 0; i < hostile.Length; i++)
        {
            store.Append("P", Event(i + 1, hostile[i], at.AddSeconds(i + 1)));
        }

        await Eventually.UntilAsync(() => Task.FromResult(store.Backlog == 0), TimeSpan.FromSeconds(30), "the alert events are written");

        foreach (var id in hostile)
        {
            var found = await store.ReadAllAsync("S1", CancellationToken.None, alert: id);
            Assert.Equal(id, Assert.Single(found).Event.AlertId.Value);
        }

        Assert.Equal(hostile.Length + 1, (await store.ReadAllAsync("S1", CancellationToken.None)).Count);
        await store.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Alert_events_an_earlier_version_kept_in_the_default_policy_move_to_the_long_term_one_once()
    {
        var (database, client) = await CreateAsync("move");
        await influx.Server.QueryAsync(database, $"CREATE RETENTION POLICY \"longterm\" ON \"{database}\" DURATION INF REPLICATION 1");
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        var old = JsonSerializer.Serialize(Event(1, "S1/COD/Instantaneous/1", at), new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });
        // As the previous version wrote it: no rp, so the default policy.
        await influx.Server.WriteAsync(database, string.Create(CultureInfo.InvariantCulture,
            $"alert_event,park=P,station=S1 kind=\"opened\",alert=\"S1/COD/Instantaneous/1\",severity=1i,seq=1i,json=\"{old.Replace("\"", "\\\"", StringComparison.Ordinal)}\" {at.ToUnixTimeMilliseconds()}\n"));

        for (var start = 0; start < 2; start++)
        {
            // Twice: a second start copies nothing again and duplicates nothing.
            using var store = new AlertEventStore(client, new LongTermPolicy(client, Options.Create(new InfluxOptions())), TimeProvider.System, NullLogger<AlertEventStore>.Instance);
            await store.StartAsync(CancellationToken.None);
            var events = await store.ReadAllAsync(null, CancellationToken.None);
            Assert.Equal("S1/COD/Instantaneous/1", Assert.Single(events, e => e.Event.Sequence == 1).Event.AlertId.Value);
            if (start == 0)
            {
                store.Append("P", Event(2, "S1/COD/Instantaneous/1", at.AddMinutes(1)));
                await Eventually.UntilAsync(() => Task.FromResult(store.Backlog == 0), TimeSpan.FromSeconds(30), "the new event is written");
            }

            Assert.Equal([1L, 2L], (await store.ReadAllAsync("S1", CancellationToken.None)).Select(e => e.Event.Sequence));
            await store.StopAsync(CancellationToken.None);
        }

        Assert.Equal(2, await influx.Server.CountAsync(database, $"SELECT count(\"json\") FROM \"{database}\".\"longterm\".\"alert_event\""));
        Assert.Equal(1, await influx.Server.CountAsync(database, $"SELECT count(\"json\") FROM \"{database}\"..\"alert_event\""));
    }

    public void Dispose() => _http.Dispose();

    private async Task<(string Database, InfluxClient Client)> CreateAsync(string prefix)
    {
        var database = $"{prefix}_{Guid.NewGuid():N}";
        await influx.Server.CreateDatabaseAsync(database);
        await influx.Server.GrantCloudAsync(database);
        return (database, new InfluxClient(_http, Options.Create(new InfluxOptions { Url = influx.Server.BaseUri, Database = database, Username = influx.Server.Cloud.Username, Password = influx.Server.Cloud.Password })));
    }

    /// <summary>Points of measurement <c>sample</c> as the platform lays them out; tag values escaped as line protocol wants (comma, equals sign, space).</summary>
    private async Task WriteSamplesAsync(string database, DateTimeOffset ts, params (string Station, double Cod)[] samples)
    {
        var lines = new StringBuilder();
        foreach (var (station, cod) in samples)
        {
            var tag = station.Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal);
            lines.Append(CultureInfo.InvariantCulture, $"sample,park=P,station={tag} COD={cod} {ts.ToUnixTimeMilliseconds()}\n");
        }

        await influx.Server.WriteAsync(database, lines.ToString());
    }

    private static async Task<List<JsonElement[]>> SelectAsync(InfluxClient client, string influxQl)
    {
        using var document = await client.QueryAsync(influxQl, CancellationToken.None);
        return Rows(document).Select(r => r.Select(c => c.Clone()).ToArray()).ToList();
    }

    private static IEnumerable<JsonElement[]> Rows(JsonDocument document)
    {
        foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var series))
            {
                continue;
            }

            foreach (var serie in series.EnumerateArray())
            {
                foreach (var row in serie.GetProperty("values").EnumerateArray())
                {
                    yield return row.EnumerateArray().ToArray();
                }
            }
        }
    }

    private static AlertEvent Event(long sequence, string alertId, DateTimeOffset at) => new()
    {
        Sequence = sequence,
        AlertId = new AlertId(alertId),
        Cause = new AlertCause("S1", "COD", RuleKind.Instantaneous),
        Kind = AlertEventKind.Opened,
        Severity = Severity.Warning,
        MeasuredAt = at,
        At = at,
        OpenedAt = at,
        ClearAfter = TimeSpan.FromMinutes(10),
    };
}
