using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnvMonitoring.Cloud.Config;

namespace EnvMonitoring.Integration.Tests.Admin;

/// <summary>
/// Every field of every kind, with a bad value: 400 naming the field by its JSON path, in English
/// (<c>errors</c>) and Vietnamese (<c>errorsVi</c>), and nothing stored. Each case changes one field
/// of a body that is valid as it stands (<see cref="Valid_bodies_pass"/> proves that).
/// </summary>
public sealed class AdminValidationTests(AdminHostFixture host) : IClassFixture<AdminHostFixture>
{
    private const string Park = "AdmValid";

    private static readonly Dictionary<string, string> Bodies = new()
    {
        ["park"] = """{"id":"AdmValidP1","name":"KCN Hợp lệ","latitude":21.5,"longitude":105.8}""",
        ["station"] = JsonSerializer.Serialize(AdminHostFixture.Station(Park, "ADM-VAL-01")),
        ["permitStation"] = """{"park":"AdmValid","station":"ADM-VAL-02","medium":"water","expectedInterval":"00:05:00","permit":[{"parameter":"COD","max":100,"reference":"GP 1/2024"}]}""",
        ["gateway"] = """{"park":"AdmValid","gateway":"adm-val-gw","name":"Trạm trung chuyển"}""",
        ["user"] = """{"name":"adm-val-user","displayName":"Người dùng","roles":["viewer"],"parks":["AdmValid"]}""",
        ["rotation"] = """{"graceMinutes":60}""",
    };

    private static readonly Dictionary<string, (string Method, string Path)> Targets = new()
    {
        ["park"] = ("POST", "/api/admin/parks"),
        ["station"] = ("POST", "/api/admin/stations"),
        ["permitStation"] = ("POST", "/api/admin/stations/preview"),
        ["gateway"] = ("POST", "/api/admin/gateways"),
        ["user"] = ("POST", "/api/admin/users"),
        ["rotation"] = ("POST", "/api/admin/gateways/adm-val-nogw/rotate"),
    };

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // body, property set (dotted: nested), its new JSON value ("-" removes it), the field the error is under
        { "park", "id", "\"bad id!\"", "id" },
        { "park", "name", Long(201), "name" },
        { "park", "latitude", "91", "latitude" },
        { "park", "longitude", "-181", "longitude" },
        { "park", "latitude", "-", "latitude" },
        { "park", "nam", "\"typo\"", "nam" },
        { "station", "park", "\"NoSuchPark\"", "park" },
        { "station", "park", "\"bad park\"", "park" },
        { "station", "station", "\"\"", "station" },
        { "station", "name", Long(201), "name" },
        { "station", "facility", Long(301), "facility" },
        { "station", "permitNumber", Long(201), "permitNumber" },
        { "station", "latitude", "100", "latitude" },
        { "station", "medium", "\"steam\"", "medium" },
        { "station", "medium", "1", "medium" },
        { "station", "expectedInterval", "\"00:00:00\"", "expectedInterval" },
        { "station", "expectedInterval", "\"00:07:00\"", "expectedInterval" },
        { "station", "expectedInterval", "\"soon\"", "expectedInterval" },
        { "station", "parameters", "[\"XYZ\"]", "parameters[0]" },
        { "station", "parameters", "[\"COD\",\"SO2\"]", "parameters[1]" },
        { "station", "regulation", "\"QCVN 99:2099/BTNMT\"", "regulation" },
        { "station", "regulation", "\"QCVN 19:2009/BTNMT\"", "regulation" },
        { "station", "column", "\"C\"", "column" },
        { "station", "column", "-", "column" },
        { "station", "colum", "\"B\"", "colum" },
        { "station", "site.lakeVolumeM3x", "1", "site.lakeVolumeM3x" },
        { "station", "site.dischargeM3PerDay", "-1", "site.dischargeM3PerDay" },
        { "station", "site.stackFlowM3PerHour", "1000", "site.stackFlowM3PerHour" },
        { "station", "site.lakeVolumeM3", "1000000", "site.riverDrySeasonFlowM3PerS" },
        { "station", "site", "{\"dischargeM3PerDay\":3000}", "site" },
        { "station", "siteChoices.coastalUse", "\"beach\"", "siteChoices.coastalUse" },
        { "station", "siteChoices.zone", "\"urban\"", "siteChoices.zone" },
        { "station", "factors.Kz", "1", "factors.Kz" },
        { "station", "factors.Kq", "0", "factors.Kq" },
        { "station", "permit", "[{\"parameter\":\"COD\",\"min\":10,\"max\":5}]", "permit[0].max" },
        { "station", "permit", "[{\"parameter\":\"NOPE\",\"max\":5}]", "permit[0].parameter" },
        { "station", "permit", "[{\"parameter\":\"COD\"}]", "permit[0]" },
        { "station", "permit", "[{\"parameter\":\"COD\",\"max\":5,\"maxx\":3}]", "permit[0].maxx" },
        { "station", "permit", "[{\"parameter\":\"COD\",\"max\":\"five\"}]", "permit[0].max" },
        { "station", "rules", "{\"approachRatio\":1.5}", "rules.approachRatio" },
        { "station", "rules", "{\"minimumCompleteness\":0}", "rules.minimumCompleteness" },
        { "station", "rules", "{\"sustainedFor\":\"00:00:00\"}", "rules.sustainedFor" },
        { "station", "rules", "{\"offlineAfter\":\"30.00:00:00\"}", "rules.offlineAfter" },
        { "station", "rules", "{\"rateOfChangePerHour\":{\"COD\":-1}}", "rules.rateOfChangePerHour.COD" },
        { "station", "rules", "{\"rateOfChangePerHour\":{\"Dust\":5}}", "rules.rateOfChangePerHour.Dust" },
        { "station", "rules", "{\"disabled\":[\"Everything\"]}", "rules.disabled[0]" },
        { "permitStation", "permit", "[{\"parameter\":\"Dust\",\"max\":5}]", "permit[0].parameter" },
        { "permitStation", "permit", "[{\"parameter\":\"COD\",\"max\":5},{\"parameter\":\"COD\",\"max\":6}]", "permit[1].parameter" },
        { "gateway", "park", "\"NoSuchPark\"", "park" },
        { "gateway", "gateway", "\"bad gw\"", "gateway" },
        { "gateway", "name", Long(201), "name" },
        { "gateway", "password", "\"mine\"", "password" },
        { "user", "name", "\"bad name\"", "name" },
        { "user", "displayName", Long(101), "displayName" },
        { "user", "roles", "[]", "roles" },
        { "user", "roles", "[\"viewer\",\"boss\"]", "roles[1]" },
        { "user", "parks", "[\"NoSuchPark\"]", "parks[0]" },
        { "user", "password", "\"short\"", "password" },
        { "user", "passwordHash", "\"pbkdf2-sha256$1$a$b\"", "passwordHash" },
        { "rotation", "graceMinutes", "10081", "graceMinutes" },
        { "rotation", "graceMinutes", "-1", "graceMinutes" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_field_is_400_under_its_path_in_english_and_vietnamese(string body, string property, string value, string field)
    {
        await EnsureParkAsync();
        var json = JsonNode.Parse(Bodies[body])!.AsObject();
        Set(json, property, value);
        var (method, path) = Targets[body];
        using var response = await host.SendAsync(new HttpMethod(method), path, json.ToJsonString(), ifMatch: body == "rotation" ? 1 : null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var english), $"no error under '{field}': {text}");
        Assert.True(problem.GetProperty("errorsVi").TryGetProperty(field, out var vietnamese), $"no Vietnamese error under '{field}': {text}");
        Assert.NotEqual(english.ToString(), vietnamese.ToString());
        Assert.Equal(
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            problem.GetProperty("errorsVi").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var kind in Enum.GetValues<ConfigKind>())
        {
            Assert.DoesNotContain(await host.Store.ListAsync(kind, CancellationToken.None), e => e.Id.StartsWith("adm-val", StringComparison.OrdinalIgnoreCase) || e.Id == "AdmValidP1");
        }
    }

    [Fact]
    public async Task Valid_bodies_pass()
    {
        await EnsureParkAsync();
        await host.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/admin/stations/preview", Bodies["station"]);
        await host.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/admin/stations/preview", Bodies["permitStation"]);
        var park = JsonNode.Parse(Bodies["park"])!.AsObject();
        park["id"] = "AdmValidP2";
        await host.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/admin/parks", park.ToJsonString());
        var gateway = JsonNode.Parse(Bodies["gateway"])!.AsObject();
        gateway["gateway"] = "adm-ok-gw2";
        await host.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/admin/gateways", gateway.ToJsonString());
        var user = JsonNode.Parse(Bodies["user"])!.AsObject();
        user["name"] = "adm-ok-user2";
        await host.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/admin/users", user.ToJsonString());
    }

    [Fact]
    public async Task An_admin_cannot_disable_demote_or_delete_themselves()
    {
        var self = $"/api/admin/users/{Testing.TestUsers.Admin.Name}";
        var demoted = await host.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, self, new { roles = new[] { "viewer" }, parks = Array.Empty<string>(), disabled = false }, ifMatch: 1);
        Assert.True(demoted.GetProperty("errors").TryGetProperty("roles", out _));
        var disabled = await host.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, self, new { roles = new[] { "admin" }, parks = Array.Empty<string>(), disabled = true }, ifMatch: 1);
        Assert.True(disabled.GetProperty("errorsVi").TryGetProperty("disabled", out _));
        var deleted = await host.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Delete, self, ifMatch: 1);
        Assert.True(deleted.GetProperty("errors").TryGetProperty("name", out _));
    }

    private async Task EnsureParkAsync()
    {
        if (await host.Store.GetAsync(ConfigKind.Park, Park, CancellationToken.None) is null)
        {
            await host.ParkAsync(Park);
        }
    }

    private static void Set(JsonObject json, string property, string value)
    {
        var parts = property.Split('.');
        var target = json;
        foreach (var part in parts[..^1])
        {
            target = (JsonObject)(target[part] ??= new JsonObject());
        }

        if (value == "-")
        {
            target.Remove(parts[^1]);
        }
        else
        {
            target[parts[^1]] = JsonNode.Parse(value);
        }
    }

    private static string Long(int length) => JsonSerializer.Serialize(new string('x', length));
}
