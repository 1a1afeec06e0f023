using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Alerts;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Http;

/// <summary>
/// Issue 14, item 7: every audited action appears once in <c>GET /api/audit</c> with the right user,
/// station and subject; the log and the alert events live in the long-term retention policy; a
/// station's entries travel in its evidence export; only admins read the log.
/// </summary>
public sealed class AuditTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Each_audited_action_is_recorded_once_with_its_user_and_kept_in_the_long_term_policy()
    {
        var station = new AlertStation("AuditPark", "AUD-01");
        var database = $"audit_{Guid.NewGuid():N}";
        // A short clear time: the alert clears (and may then be resolved) after a few seconds of normal readings.
        var settings = new Dictionary<string, string>(station.Settings()) { ["Stations:0:Rules:ClearTime"] = "00:00:10" };
        await using var cloud = await CloudHost.StartAsync(influx.Server, database, settings);
        cloud.Log.Expect(e => e.Is("SignInRefused"), "the test signs in with wrong passwords");

        // Sign-in, a failed cookie sign-in, a failed HTTP Basic request.
        using var browser = cloud.ClientFor(null);
        using (var wrong = await browser.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { name = TestUsers.Viewer.Name, password = "not-the-password" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var login = await browser.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { name = TestUsers.Operator.Name, password = TestUsers.Operator.Password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        using (var basic = cloud.ClientFor(null))
        {
            basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestUsers.Inspector.Name}:wrong")));
            Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync(new Uri("/api/stations", UriKind.Relative))).StatusCode);
        }

        // An alert acknowledged and resolved by the operator (through the browser session).
        await using var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}");
        var now = DateTimeOffset.UtcNow;
        await publisher.PublishAsync(station.Topic, station.Sample(now.AddSeconds(-65), cod: 250));
        var id = await Eventually.ValueAsync(async () =>
            (await cloud.Http.GetFromJsonAsync<JsonElement>("/api/alerts")).EnumerateArray().Select(a => a.GetProperty("id").GetString())
                .FirstOrDefault(a => a!.Contains("/COD/", StringComparison.Ordinal)), Wait, "the COD alert opens");
        using (var acknowledged = await browser.PostAsJsonAsync(new Uri($"/api/alerts/{id}/acknowledge", UriKind.Relative), new { note = "seen" }))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }

        // Refused while the cause is active: a command that did not take effect is not audited.
        using (var refused = await browser.PostAsJsonAsync(new Uri($"/api/alerts/{id}/resolve", UriKind.Relative), new { note = "too early" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        await publisher.PublishAsync(station.Topic, station.Sample(now.AddSeconds(-40), cod: 40));
        await publisher.PublishAsync(station.Topic, station.Sample(now.AddSeconds(-20), cod: 40));
        await Eventually.UntilAsync(async () => (await cloud.Http.GetFromJsonAsync<JsonElement>("/api/alerts")).EnumerateArray()
            .Any(a => a.GetProperty("id").GetString() == id && !a.GetProperty("active").GetBoolean()), Wait, "the COD alert clears");
        using (var resolved = await browser.PostAsJsonAsync(new Uri($"/api/alerts/{id}/resolve", UriKind.Relative), new { note = "clarifier cleaned" }))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        // A report and an export by the inspector; the quarantine viewed by the admin; then sign-out.
        using var inspector = cloud.ClientFor(TestUsers.Inspector);
        var day = now.ToOffset(TimeSpan.FromHours(7)).Date;
        var range = $"from={Uri.EscapeDataString(new DateTimeOffset(day, TimeSpan.FromHours(7)).ToString("O", CultureInfo.InvariantCulture))}" +
            $"&to={Uri.EscapeDataString(new DateTimeOffset(day.AddDays(1), TimeSpan.FromHours(7)).ToString("O", CultureInfo.InvariantCulture))}";
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync(new Uri($"/api/reports/compliance?station={station.Station}&{range}", UriKind.Relative))).StatusCode);
        var first = await inspector.GetByteArrayAsync(new Uri($"/api/export?station={station.Station}&{range}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, (await cloud.Http.GetAsync(new Uri("/api/quarantine", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), null)).StatusCode);

        var expected = new (string Action, string User, string? Station)[]
        {
            ("sign-in-failed", TestUsers.Viewer.Name, null),
            ("sign-in", TestUsers.Operator.Name, null),
            ("sign-in-failed", TestUsers.Inspector.Name, null),
            ("acknowledge", TestUsers.Operator.Name, station.Station),
            ("resolve", TestUsers.Operator.Name, station.Station),
            ("report", TestUsers.Inspector.Name, station.Station),
            ("export", TestUsers.Inspector.Name, station.Station),
            ("quarantine-view", TestUsers.Admin.Name, null),
            ("sign-out", TestUsers.Operator.Name, null),
        };
        var entries = await Eventually.ValueAsync(async () =>
        {
            var all = (await cloud.Http.GetFromJsonAsync<JsonElement>("/api/audit?limit=100")).EnumerateArray().Where(e => e.GetProperty("action").GetString() != "audit-view").ToList();
            return all.Count >= expected.Length ? all : null;
        }, Wait, "every action reaches the audit log");

        // Newest first; each action once, in the order done, with its user and station.
        Assert.Equal(expected, entries.AsEnumerable().Reverse().Select(e => (
            e.GetProperty("action").GetString()!, e.GetProperty("user").GetString()!, e.GetProperty("station").GetString())));
        Assert.Equal(id, Single(entries, "acknowledge").GetProperty("subject").GetString());
        Assert.Equal("clarifier cleaned", Single(entries, "resolve").GetProperty("detail").GetString());
        Assert.Equal(station.Park, Single(entries, "resolve").GetProperty("park").GetString());
        Assert.Contains("basic", Single(entries, "sign-in-failed", TestUsers.Inspector.Name).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using (var archive = new ZipArchive(new MemoryStream(first)))
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Read(archive, "manifest.json"))), Single(entries, "export").GetProperty("subject").GetString());
        }

        // Filters, and the log is for admins only.
        var operatorEntries = await cloud.Http.GetFromJsonAsync<JsonElement>($"/api/audit?user={TestUsers.Operator.Name}&action=acknowledge");
        Assert.Equal(id, operatorEntries.EnumerateArray().Single().GetProperty("subject").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync(new Uri("/api/audit", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cloud.Http.GetAsync(new Uri("/api/audit?action=drop", UriKind.Relative))).StatusCode);

        // Kept in the long-term policy, as the alert events are; nothing in the default one.
        Assert.Equal(expected.Length, await CountAsync(database, "longterm", "audit", "\"action\" != 'audit-view'"));
        Assert.Equal(0, await CountAsync(database, "", "audit", null));
        await Eventually.UntilAsync(async () => await CountAsync(database, "longterm", "alert_event", $"\"alert\" = '{id}'") == 4, Wait, "opened, acknowledged, cleared and resolved are stored");
        Assert.Equal(0, await CountAsync(database, "", "alert_event", null));

        // A later export of the station carries its entries, up to that export.
        var second = await inspector.GetByteArrayAsync(new Uri($"/api/export?station={station.Station}&{range}", UriKind.Relative));
        using (var archive = new ZipArchive(new MemoryStream(second)))
        {
            using var audit = JsonDocument.Parse(Read(archive, $"audit/{station.Station}.json"));
            Assert.Equal(
                ["acknowledge", "resolve", "report", "export"],
                audit.RootElement.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        }
    }

    private static JsonElement Single(List<JsonElement> entries, string action, string? user = null) =>
        entries.Single(e => e.GetProperty("action").GetString() == action && (user is null || e.GetProperty("user").GetString() == user));

    /// <summary>Points of the measurement in a retention policy ("": the default one).</summary>
    private async Task<long> CountAsync(string database, string policy, string measurement, string? where)
    {
        var source = $"\"{database}\".{(policy.Length == 0 ? "" : $"\"{policy}\"")}.\"{measurement}\"";
        using var answer = await influx.Server.QueryAsync(database, $"SELECT count(\"json\") FROM {source}{(where is null ? "" : " WHERE " + where)}");
        var series = answer.RootElement.GetProperty("results")[0];
        return series.TryGetProperty("series", out var rows) ? rows[0].GetProperty("values")[0][1].GetInt64() : 0;
    }

    private static byte[] Read(ZipArchive archive, string name)
    {
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
