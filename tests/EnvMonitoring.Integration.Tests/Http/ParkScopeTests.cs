using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Alerts;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EnvMonitoring.Integration.Tests.Http;

/// <summary>
/// Issue 14, item 6: a user bound to a park sees only that park — 403 on another park's station,
/// alert, readings, history, report and export; lists and counts of their park only; and the hub
/// never sends them another park, while readings and alerts of both parks flow through the real
/// host (MQTT in, SignalR out). Changing a user's parks ends their sessions: <see cref="SessionTests"/>.
/// </summary>
public sealed class ParkScopeTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly AlertStation Own = new("ScopeParkA", "SCA-01");
    private static readonly AlertStation Other = new("ScopeParkB", "SCB-01");

    /// <summary>Operator and inspector, so that a 403 here comes from the park and not from a missing role.</summary>
    private static readonly TestUser ParkOfficer = new("t-park-officer", "park-officer-secret-1", ["operator", "inspector"], [Own.Park]);

    /// <summary>An admin bound to a park: the admin's province-wide endpoints are not theirs.</summary>
    private static readonly TestUser ParkAdmin = new("t-park-admin", "park-admin-secret-1", ["admin"], [Own.Park]);

    [Fact]
    public async Task A_park_scoped_operator_gets_403_on_another_parks_station_alert_readings_history_report_and_export()
    {
        await using var cloud = await StartAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}"))
        {
            await publisher.PublishAsync(Own.Topic, Own.Sample(now.AddSeconds(-10), cod: 250));
            await publisher.PublishAsync(Other.Topic, Other.Sample(now.AddSeconds(-10), cod: 250));
        }

        var ownAlert = await OpenAlertAsync(cloud, Own);
        var otherAlert = await OpenAlertAsync(cloud, Other);
        using var officer = cloud.ClientFor(ParkOfficer);

        // Who am I: the parks, so the dashboard can show them.
        var me = await officer.GetFromJsonAsync<JsonElement>(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal([Own.Park], me.GetProperty("parks").EnumerateArray().Select(p => p.GetString()));

        // Lists and their counts: their park only, while the province holds both.
        Assert.Equal([Own.Station, Other.Station], Stations(await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stations", UriKind.Relative))));
        Assert.Equal([Own.Station], Stations(await officer.GetFromJsonAsync<JsonElement>(new Uri("/api/stations", UriKind.Relative))));
        var everyAlert = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/alerts?state=all", UriKind.Relative));
        var theirAlerts = await officer.GetFromJsonAsync<JsonElement>(new Uri("/api/alerts?state=all", UriKind.Relative));
        Assert.Contains(otherAlert, Ids(everyAlert));
        Assert.Equal(
            everyAlert.EnumerateArray().Where(a => a.GetProperty("park").GetString() == Own.Park).Select(a => a.GetProperty("id").GetString()!).ToList(),
            Ids(theirAlerts));
        Assert.Contains(ownAlert, Ids(theirAlerts));
        await Eventually.UntilAsync(async () => (await cloud.Http.GetAsync(new Uri($"/api/alerts/{ownAlert}/events", UriKind.Relative))).IsSuccessStatusCode,
            Wait, "the alert's opening is stored");

        // Everything of the other park is 403; the same request for their own park is not.
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Date;
        var days = $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        var range = $"from={Time(now.AddHours(-1))}&to={Time(now.AddMinutes(1))}";
        foreach (var (method, path) in new[]
        {
            ("GET", "/api/readings?station={station}&param=COD"),
            ("GET", "/api/history?station={station}&param=COD&window=1m"),
            ("GET", $"/api/reports/compliance?station={{station}}&{days}"),
            ("GET", $"/api/export?station={{station}}&{range}"),
            ("GET", "/api/alerts?station={station}"),
            ("GET", "/api/alerts?park={park}"),
            ("GET", "/api/alerts/{alert}/events"),
            ("POST", "/api/alerts/{alert}/acknowledge"),
        })
        {
            using var own = await SendAsync(officer, method, path, Own, ownAlert);
            Assert.True(own.StatusCode == HttpStatusCode.OK, $"{method} {path} for their own park: {own.StatusCode}");
            using var other = await SendAsync(officer, method, path, Other, otherAlert);
            Assert.True(other.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} for another park: {other.StatusCode}");
            var body = await other.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Other.Station, body, StringComparison.Ordinal);
            Assert.DoesNotContain(Other.Park, body, StringComparison.Ordinal);
        }

        using (var resolve = await officer.PostAsJsonAsync(new Uri($"/api/alerts/{otherAlert}/resolve", UriKind.Relative), new { note = "not mine" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, resolve.StatusCode);
        }

        using (var job = await officer.PostAsJsonAsync(new Uri("/api/exports", UriKind.Relative), new { station = Other.Station, from = now.AddHours(-1), to = now.AddMinutes(1) }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, job.StatusCode);
        }

        using (var job = await officer.PostAsJsonAsync(new Uri("/api/exports", UriKind.Relative), new { station = Own.Station, from = now.AddHours(-1), to = now.AddMinutes(1) }))
        {
            Assert.Equal(HttpStatusCode.Accepted, job.StatusCode);
            var status = job.Headers.Location!;
            // Finished before the host stops, which would cancel it.
            await Eventually.UntilAsync(async () => (await officer.GetFromJsonAsync<JsonElement>(status)).GetProperty("state").GetString() == "completed",
                Wait, "their own export job completes");
        }

        // The other park's alert was neither acknowledged nor resolved through the refusals.
        var untouched = (await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/alerts?station={Other.Station}", UriKind.Relative)))[0];
        Assert.Equal(JsonValueKind.Null, untouched.GetProperty("acknowledgedBy").ValueKind);

        // A station that does not exist is refused like another park's (no way to tell them apart);
        // province staff get 404 for it as before. An unknown alert of their own park is 404.
        using (var unknown = await officer.GetAsync(new Uri($"/api/reports/compliance?station=NO-SUCH-01&{days}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        }

        using (var unknown = await cloud.Http.GetAsync(new Uri($"/api/reports/compliance?station=NO-SUCH-01&{days}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var unknown = await officer.PostAsJsonAsync(new Uri($"/api/alerts/{Own.Station}/COD/Instantaneous/999/acknowledge", UriKind.Relative), new { note = "?" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // Province-wide figures are for all-parks users: the rollups' counters, and the admin's quarantine.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(new Uri("/api/rollups", UriKind.Relative))).StatusCode);
        using var parkAdmin = cloud.ClientFor(ParkAdmin);
        Assert.Equal(HttpStatusCode.Forbidden, (await parkAdmin.GetAsync(new Uri("/api/quarantine", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cloud.Http.GetAsync(new Uri("/api/quarantine", UriKind.Relative))).StatusCode);
        using var inspector = cloud.ClientFor(TestUsers.Inspector);
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync(new Uri("/api/rollups", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_hub_sends_a_park_scoped_user_only_their_parks_snapshot_and_updates()
    {
        await using var cloud = await StartAsync();
        // Reported product issue: SignalR logs a HubException (a client's bad argument) as a server error.
        cloud.Log.Expect(e => e.Is("FailedInvokingHubMethod") && e.Exception is HubException, "the scoped user subscribes to scopes outside their park");
        var now = DateTimeOffset.UtcNow;
        await using var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}");
        await publisher.PublishAsync(Own.Topic, Own.Sample(now.AddSeconds(-20), cod: 250));
        await publisher.PublishAsync(Other.Topic, Other.Sample(now.AddSeconds(-20), cod: 250));
        var ownAlert = await OpenAlertAsync(cloud, Own);
        var otherAlert = await OpenAlertAsync(cloud, Other);

        var scoped = new ConcurrentQueue<(string Kind, JsonElement Message)>();
        var province = new ConcurrentQueue<(string Kind, JsonElement Message)>();
        await using var scopedHub = await ConnectAsync(cloud, ParkOfficer, scoped);
        await using var provinceHub = await ConnectAsync(cloud, TestUsers.Viewer, province);

        // The snapshot of "province": their park's stations and alerts only.
        var snapshot = await scopedHub.InvokeAsync<JsonElement>("Subscribe", "province");
        Assert.Equal([Own.Station], Stations(snapshot.GetProperty("stations")));
        Assert.Equal([ownAlert], Ids(snapshot.GetProperty("alerts")));
        var everything = await provinceHub.InvokeAsync<JsonElement>("Subscribe", "province");
        Assert.Equal([Own.Station, Other.Station], Stations(everything.GetProperty("stations")));
        Assert.Equal([ownAlert, otherAlert], Ids(everything.GetProperty("alerts")).Order(StringComparer.Ordinal));

        // Another park, its station, and ids that exist nowhere are refused with the same words.
        var refusals = new List<string>();
        foreach (var scope in new[] { $"park:{Other.Park}", $"station:{Other.Station}", "park:NoSuchPark", "station:NO-SUCH-01" })
        {
            refusals.Add((await Assert.ThrowsAsync<HubException>(() => scopedHub.InvokeAsync<JsonElement>("Subscribe", scope))).Message);
        }

        Assert.Single(refusals.Distinct());
        Assert.Contains("Forbidden", refusals[0], StringComparison.Ordinal);

        // Their own park as a scope of its own, then dropped: the province (their park) keeps flowing.
        Assert.Equal([Own.Station], Stations((await scopedHub.InvokeAsync<JsonElement>("Subscribe", $"park:{Own.Park}")).GetProperty("stations")));
        await scopedHub.InvokeAsync("Unsubscribe", $"park:{Own.Park}");

        // Both parks report and open new alerts (pH 4 is below 6); then a last reading of each, as a fence.
        await publisher.PublishAsync(Other.Topic, Other.Sample(now.AddSeconds(-15), cod: 40, pH: 4.0));
        await publisher.PublishAsync(Own.Topic, Own.Sample(now.AddSeconds(-15), cod: 40, pH: 4.0));
        await publisher.PublishAsync(Other.Topic, Other.Sample(now.AddSeconds(-10), cod: 42));
        await publisher.PublishAsync(Own.Topic, Own.Sample(now.AddSeconds(-10), cod: 41));

        await Eventually.UntilAsync(() => Task.FromResult(Has(province, "alert", Other.Station, "pH") && HasCod(province, Other.Station, 42)), Wait,
            "the all-parks client gets the other park's pH alert and its last reading");
        await Eventually.UntilAsync(() => Task.FromResult(Has(scoped, "alert", Own.Station, "pH") && HasCod(scoped, Own.Station, 41)), Wait,
            "the scoped client gets its own park's pH alert and its last reading");

        // The province group sends stations and alerts of both parks in one flow; the scoped client got none of the other's.
        Assert.Contains(province, m => m.Kind == "stations" && m.Message.GetRawText().Contains(Other.Station, StringComparison.Ordinal));
        Assert.All(scoped, m =>
        {
            Assert.DoesNotContain(Other.Station, m.Message.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(Other.Park, m.Message.GetRawText(), StringComparison.Ordinal);
        });
    }

    private async Task<CloudHost> StartAsync()
    {
        var settings = new Dictionary<string, string>(Own.Settings(0));
        foreach (var (key, value) in Other.Settings(1).Concat(ParkOfficer.Settings(4)).Concat(ParkAdmin.Settings(5)))
        {
            settings[key] = value;
        }

        return await CloudHost.StartAsync(influx.Server, $"scope_{Guid.NewGuid():N}", settings);
    }

    /// <summary>The id of the station's open COD alert, as province staff see it.</summary>
    private static Task<string> OpenAlertAsync(CloudHost cloud, AlertStation station) => Eventually.ValueAsync(async () =>
        Ids(await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/alerts?station={station.Station}", UriKind.Relative)))
            .FirstOrDefault(id => id.StartsWith($"{station.Station}/COD/", StringComparison.Ordinal)),
        Wait, $"the COD alert of {station.Station} is open");

    private static async Task<HubConnection> ConnectAsync(CloudHost cloud, TestUser user, ConcurrentQueue<(string, JsonElement)> received)
    {
        var hub = cloud.LiveHub(user);
        hub.On<JsonElement>("stations", m => received.Enqueue(("stations", m)));
        hub.On<JsonElement>("alert", m => received.Enqueue(("alert", m)));
        await hub.StartAsync();
        return hub;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, AlertStation station, string alert)
    {
        var url = path.Replace("{station}", station.Station, StringComparison.Ordinal).Replace("{park}", station.Park, StringComparison.Ordinal)
            .Replace("{alert}", alert, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { note = "checked" });
        }

        var response = await client.SendAsync(request);
        // Read the whole body now: a streamed export or history is then complete and the request over.
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static bool Has(ConcurrentQueue<(string Kind, JsonElement Message)> received, string kind, string station, string parameter) =>
        received.Any(m => m.Kind == kind && m.Message.GetProperty("station").GetString() == station && m.Message.GetProperty("parameter").GetString() == parameter);

    private static bool HasCod(ConcurrentQueue<(string Kind, JsonElement Message)> received, string station, double cod) =>
        received.Any(m => m.Kind == "stations" && m.Message.EnumerateArray().Any(s =>
            s.GetProperty("station").GetString() == station && s.GetProperty("values").TryGetProperty("COD", out var value) && value.GetProperty("value").GetDouble() == cod));

    private static List<string> Stations(JsonElement list) => [.. list.EnumerateArray().Select(s => s.GetProperty("station").GetString()!)];

    private static List<string> Ids(JsonElement alerts) => [.. alerts.EnumerateArray().Select(a => a.GetProperty("id").GetString()!)];

    private static string Time(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));
}
