using System.Net;
using System.Text.Json;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Admin;

/// <summary>
/// Issue 19: parks and stations managed at runtime through <c>/api/admin</c> — round trips, the
/// versions that keep two administrators from overwriting each other, and who may call it.
/// </summary>
public sealed class AdminApiTests(AdminHostFixture host) : IClassFixture<AdminHostFixture>
{
    [Fact]
    public async Task A_park_is_created_read_changed_and_deleted_with_its_version_as_etag()
    {
        var created = await host.ParkAsync("AdmRound");
        Assert.Equal("AdmRound", created.GetProperty("id").GetString());
        Assert.Equal(1, created.GetProperty("version").GetInt64());
        Assert.Equal(TestUsers.Admin.Name, created.GetProperty("updatedBy").GetString());
        Assert.Equal("Khu công nghiệp AdmRound", created.GetProperty("item").GetProperty("name").GetString());

        using (var read = await host.SendAsync(HttpMethod.Get, "/api/admin/parks/AdmRound"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("\"1\"", read.Headers.ETag?.ToString());
        }

        var changed = await host.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/admin/parks/AdmRound", new { name = "KCN Vòng tròn", latitude = 21.6, longitude = 105.9 }, ifMatch: 1);
        Assert.Equal(2, changed.GetProperty("version").GetInt64());
        Assert.Equal("KCN Vòng tròn", changed.GetProperty("item").GetProperty("name").GetString());
        Assert.Equal("AdmRound", changed.GetProperty("item").GetProperty("id").GetString());
        var stored = await host.Store.GetAsync(ConfigKind.Park, "AdmRound", CancellationToken.None);
        Assert.Equal("KCN Vòng tròn", JsonDocument.Parse(stored!.Json).RootElement.GetProperty("Name").GetString());

        var list = await host.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/admin/parks");
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("id").GetString() == "AdmRound" && p.GetProperty("version").GetInt64() == 2);

        await host.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/admin/parks/AdmRound", ifMatch: 2);
        await host.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/api/admin/parks/AdmRound");
        Assert.Null(await host.Store.GetAsync(ConfigKind.Park, "AdmRound", CancellationToken.None));
    }

    [Theory]
    [InlineData("PUT", "/api/admin/parks/AdmNoMatch")]
    [InlineData("DELETE", "/api/admin/parks/AdmNoMatch")]
    [InlineData("PUT", "/api/admin/stations/ADM-NM-01")]
    [InlineData("DELETE", "/api/admin/stations/ADM-NM-01")]
    [InlineData("POST", "/api/admin/gateways/adm-nm-gw/rotate")]
    [InlineData("PUT", "/api/admin/users/adm-nm-user")]
    [InlineData("POST", "/api/admin/users/adm-nm-user/password")]
    public async Task A_change_without_if_match_is_428(string method, string path)
    {
        var problem = await host.ExpectAsync(HttpStatusCode.PreconditionRequired, new HttpMethod(method), path, new { name = "x" });
        Assert.Contains("If-Match", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_changes_from_the_same_version_one_wins_and_the_other_gets_409_with_the_winners_item()
    {
        await host.ParkAsync("AdmRace");
        var first = host.SendAsync(HttpMethod.Put, "/api/admin/parks/AdmRace", new { name = "Sửa bởi thứ nhất" }, ifMatch: 1);
        var second = host.SendAsync(HttpMethod.Put, "/api/admin/parks/AdmRace", new { name = "Sửa bởi thứ hai" }, ifMatch: 1);
        using var a = await first;
        using var b = await second;
        var statuses = new[] { a.StatusCode, b.StatusCode }.Order().ToList();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
        var (winner, loser) = a.StatusCode == HttpStatusCode.OK ? (a, b) : (b, a);
        var won = JsonDocument.Parse(await winner.Content.ReadAsStringAsync()).RootElement;
        var lost = JsonDocument.Parse(await loser.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
        var current = lost.GetProperty("current");
        Assert.Equal(2, current.GetProperty("version").GetInt64());
        Assert.Equal(won.GetProperty("item").GetProperty("name").GetString(), current.GetProperty("item").GetProperty("name").GetString());

        // A stale version stays refused, and so does creating what exists.
        var stale = await host.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Delete, "/api/admin/parks/AdmRace", ifMatch: 1);
        Assert.Equal(2, stale.GetProperty("current").GetProperty("version").GetInt64());
        var exists = await host.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/api/admin/parks", new { id = "AdmRace" });
        Assert.Equal(won.GetProperty("item").GetProperty("name").GetString(), exists.GetProperty("current").GetProperty("item").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_station_round_trip_and_its_park_cannot_be_deleted_while_it_names_it()
    {
        await host.ParkAsync("AdmStations");
        var definition = AdminHostFixture.Station("AdmStations", "ADM-ST-01");
        using (var response = await host.SendAsync(HttpMethod.Post, "/api/admin/stations", definition))
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, text);
            Assert.Equal("/api/admin/stations/ADM-ST-01", response.Headers.Location?.ToString());
            Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
            var item = JsonDocument.Parse(text).RootElement.GetProperty("item");
            Assert.Equal("water", item.GetProperty("medium").GetString());
            Assert.Equal("B", item.GetProperty("column").GetString());
            Assert.Equal(3000, item.GetProperty("site").GetProperty("dischargeM3PerDay").GetDecimal());
        }

        var stored = await host.Store.GetAsync(ConfigKind.Station, "ADM-ST-01", CancellationToken.None);
        Assert.Contains("\"Regulation\":\"QCVN 40:2011/BTNMT\"", stored!.Json, StringComparison.Ordinal);

        var refused = await host.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Delete, "/api/admin/parks/AdmStations", ifMatch: 1);
        Assert.Contains("ADM-ST-01", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        definition["column"] = "A";
        definition["station"] = null;
        var changed = await host.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/admin/stations/ADM-ST-01", definition, ifMatch: 1);
        Assert.Equal("A", changed.GetProperty("item").GetProperty("column").GetString());
        Assert.Equal("ADM-ST-01", changed.GetProperty("item").GetProperty("station").GetString());

        await host.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/admin/stations/ADM-ST-01", ifMatch: 2);
        await host.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/api/admin/stations/ADM-ST-01");
        await host.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/admin/parks/AdmStations", ifMatch: 1);
    }

    [Fact]
    public async Task A_preview_explains_the_limits_a_definition_would_get_and_stores_nothing()
    {
        await host.ParkAsync("AdmPreview");
        var preview = await host.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/admin/stations/preview", AdminHostFixture.Station("AdmPreview", "ADM-PV-01"));
        var cod = preview.GetProperty("limits").EnumerateArray().Single(l => l.GetProperty("parameter").GetString() == "COD");
        // QCVN 40:2011 column B: COD 150 × Kq 0.9 (river 30 m³/s) × Kf 1.0 (3,000 m³/day) = 135 mg/L.
        Assert.Equal(135, cod.GetProperty("max").GetDouble(), 6);
        var terms = cod.GetProperty("terms");
        Assert.Equal("B", terms.GetProperty("column").GetString());
        Assert.Equal(150m, terms.GetProperty("max").GetDecimal());
        Assert.Equal(["Kq", "Kf"], terms.GetProperty("factors").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("riverDrySeasonFlowM3PerS", terms.GetProperty("factors")[0].GetProperty("input").GetString());
        Assert.Null(await host.Store.GetAsync(ConfigKind.Station, "ADM-PV-01", CancellationToken.None));

        var bad = AdminHostFixture.Station("AdmPreview", "ADM-PV-01");
        bad["column"] = "C";
        var problem = await host.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/admin/stations/preview", bad);
        Assert.True(problem.GetProperty("errors").TryGetProperty("column", out _));
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("operator")]
    [InlineData("inspector")]
    [InlineData("park-admin")]
    public async Task Anyone_but_a_province_admin_gets_403(string who)
    {
        var user = who == "park-admin" ? AdminHostFixture.ParkAdmin : TestUsers.All.Single(u => u.Role == who);
        using var client = host.Cloud.ClientFor(user);
        foreach (var (method, path) in new[]
        {
            ("GET", "/api/admin/parks"), ("POST", "/api/admin/parks"), ("GET", "/api/admin/stations"), ("POST", "/api/admin/stations/preview"),
            ("GET", "/api/admin/gateways"), ("POST", "/api/admin/gateways"), ("GET", "/api/admin/users"), ("POST", "/api/admin/users"),
            ("GET", "/api/admin/config/export"), ("POST", "/api/admin/config/import"),
        })
        {
            using var response = await host.SendAsync(new HttpMethod(method), path, method == "POST" ? new { id = "AdmForbidden" } : null, client: client);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who}: {method} {path} answered {(int)response.StatusCode}");
        }

        Assert.Null(await host.Store.GetAsync(ConfigKind.Park, "AdmForbidden", CancellationToken.None));
    }
}
