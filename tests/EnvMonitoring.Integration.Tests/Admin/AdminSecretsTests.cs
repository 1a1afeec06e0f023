using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Admin;

/// <summary>
/// Passwords through the admin API: made here, shown once, stored only as hashes, never in any
/// answer or audit entry; a gateway's rotation keeps the old hash for its grace; a user signs in
/// with the password shown, and changes it themselves, which ends their other sessions.
/// </summary>
public sealed class AdminSecretsTests(AdminHostFixture host) : IClassFixture<AdminHostFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_gateway_gets_a_password_shown_once_and_a_rotation_keeps_the_old_hash_for_the_grace()
    {
        await host.ParkAsync("AdmGateways");
        var answers = new List<string>();
        var issued = await Answer(answers, HttpStatusCode.Created, HttpMethod.Post, "/api/admin/gateways", new { park = "AdmGateways", gateway = "adm-gw-1", name = "Trạm trung chuyển 1" });
        var first = issued.GetProperty("password").GetString()!;
        Assert.True(first.Length >= 24, first);
        var item = issued.GetProperty("entry").GetProperty("item");
        Assert.Equal("gw-adm-gw-1", item.GetProperty("username").GetString());
        Assert.False(item.GetProperty("disabled").GetBoolean());
        Assert.Equal(["park", "gateway", "name", "username", "disabled"], item.EnumerateObject().Select(p => p.Name));
        var stored = await GatewayAsync("adm-gw-1");
        Assert.True(PasswordHash.Verify(first, stored.PasswordHash));
        var firstHash = stored.PasswordHash;

        var before = DateTimeOffset.UtcNow;
        var rotated = await Answer(answers, HttpStatusCode.OK, HttpMethod.Post, "/api/admin/gateways/adm-gw-1/rotate", new { graceMinutes = 30 }, ifMatch: 1);
        var second = rotated.GetProperty("password").GetString()!;
        Assert.NotEqual(first, second);
        stored = await GatewayAsync("adm-gw-1");
        Assert.True(PasswordHash.Verify(second, stored.PasswordHash));
        Assert.False(PasswordHash.Verify(first, stored.PasswordHash));
        Assert.Equal(firstHash, stored.PreviousPasswordHash);
        Assert.InRange(stored.PreviousValidUntil!.Value, before.AddMinutes(30).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(30).AddSeconds(1));
        Assert.Equal(stored.PreviousValidUntil, rotated.GetProperty("entry").GetProperty("item").GetProperty("previousValidUntil").GetDateTimeOffset());

        var disabled = await Answer(answers, HttpStatusCode.OK, HttpMethod.Put, "/api/admin/gateways/adm-gw-1", new { name = "Tạm ngưng", disabled = true }, ifMatch: 2);
        Assert.True(disabled.GetProperty("item").GetProperty("disabled").GetBoolean());
        Assert.Equal(stored.PasswordHash, (await GatewayAsync("adm-gw-1")).PasswordHash);
        answers.Add((await host.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/admin/gateways")).ToString());
        await host.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/admin/gateways/adm-gw-1", ifMatch: 3);

        NoSecrets(answers, firstHash, stored.PasswordHash);
        var audit = await AuditAsync("gateway/adm-gw-1", 4);
        Assert.Equal(2, audit.Count(e => e.Contains(Cloud.Admin.Api.ConfigEditor.PasswordChanged, StringComparison.Ordinal)));
        NoSecrets(audit, firstHash, stored.PasswordHash, first, second);
    }

    [Fact]
    public async Task A_user_signs_in_with_the_password_shown_and_a_reset_replaces_it()
    {
        var answers = new List<string>();
        var created = await Answer(answers, HttpStatusCode.Created, HttpMethod.Post, "/api/admin/users", new { name = "adm-user-1", displayName = "Nguyễn Văn A", roles = new[] { "operator" } });
        var first = created.GetProperty("password").GetString()!;
        Assert.Equal(["name", "displayName", "disabled", "roles", "parks"], created.GetProperty("entry").GetProperty("item").EnumerateObject().Select(p => p.Name));
        Assert.True(PasswordHash.Verify(first, (await UserAsync("adm-user-1")).PasswordHash));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync("adm-user-1", first));

        var reset = await Answer(answers, HttpStatusCode.OK, HttpMethod.Post, "/api/admin/users/adm-user-1/password", null, ifMatch: 1);
        var second = reset.GetProperty("password").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await SignInAsync("adm-user-1", second));
        host.Cloud.Log.ExpectEvent("SignInRefused", "the old password is refused after a reset");
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("adm-user-1", first));

        var changed = await Answer(answers, HttpStatusCode.OK, HttpMethod.Put, "/api/admin/users/adm-user-1",
            new { displayName = "Nguyễn Văn B", roles = new[] { "viewer", "inspector" }, parks = Array.Empty<string>(), disabled = true }, ifMatch: 2);
        Assert.True(changed.GetProperty("item").GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("adm-user-1", second));
        var hash = (await UserAsync("adm-user-1")).PasswordHash;
        answers.Add((await host.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/admin/users")).ToString());
        await host.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/admin/users/adm-user-1", ifMatch: 3);

        NoSecrets(answers, hash);
        NoSecrets(await AuditAsync("user/adm-user-1", 4), hash, first, second);
    }

    [Fact]
    public async Task A_new_park_operator_sees_only_their_park_from_the_first_request()
    {
        await host.ParkAsync("AdmScopeA");
        await host.ParkAsync("AdmScopeB");
        await host.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/admin/stations", AdminHostFixture.Station("AdmScopeA", "ADM-SCOPE-A1"));
        await host.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/admin/stations", AdminHostFixture.Station("AdmScopeB", "ADM-SCOPE-B1"));
        var created = await host.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/admin/users",
            new { name = "adm-scoped-op", displayName = "Cán bộ KCN A", roles = new[] { "operator" }, parks = new[] { "AdmScopeA" } });
        var password = created.GetProperty("password").GetString()!;

        // Province staff see both new stations; the new operator sees only their park's, and is refused the other's.
        var all = await host.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/stations");
        Assert.Contains("ADM-SCOPE-B1", all.EnumerateArray().Select(s => s.GetProperty("station").GetString()));
        using var officer = host.Cloud.ClientFor(new TestUser("adm-scoped-op", password, ["operator"], ["AdmScopeA"]));
        var seen = await host.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/stations", client: officer);
        Assert.Equal(["AdmScopeA"], seen.EnumerateArray().Select(s => s.GetProperty("park").GetString()).Distinct());
        Assert.Equal(["ADM-SCOPE-A1"], seen.EnumerateArray().Select(s => s.GetProperty("station").GetString()));
        await host.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, "/api/alerts?station=ADM-SCOPE-B1", client: officer);
    }

    [Fact]
    public async Task A_user_changes_their_own_password_and_their_other_sessions_end()
    {
        const string Name = "adm-self-1";
        const string First = "first-password-1";
        const string Second = "second-password-2";
        await host.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/admin/users", new { name = Name, roles = new[] { "viewer" }, password = First });
        using var browser = host.Cloud.ClientFor(null);
        using var other = host.Cloud.ClientFor(null);
        foreach (var client in new[] { browser, other })
        {
            using var login = await client.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { name = Name, password = First });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var wrong = await host.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, "/api/me/password", new { current = "not-the-password", @new = Second }, client: browser);
        Assert.True(wrong.GetProperty("errorsVi").TryGetProperty("current", out _));
        var tooShort = await host.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, "/api/me/password", new { current = First, @new = "short" }, client: browser);
        Assert.True(tooShort.GetProperty("errors").TryGetProperty("new", out _));
        Assert.True(PasswordHash.Verify(First, (await UserAsync(Name)).PasswordHash));

        await host.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, "/api/me/password", new { current = First, @new = Second }, client: browser);
        Assert.True(PasswordHash.Verify(Second, (await UserAsync(Name)).PasswordHash));
        await host.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/auth/me", client: browser);
        await host.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, "/api/auth/me", client: other);
        host.Cloud.Log.ExpectEvent("SignInRefused", "the old password is refused after the change");
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(Name, First));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(Name, Second));

        // A user of the settings is in the store too (seeded at start): their change holds until the settings change them.
        using var viewer = host.Cloud.ClientFor(TestUsers.Viewer);
        await host.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, "/api/me/password", new { current = TestUsers.Viewer.Password, @new = Second }, client: viewer);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(TestUsers.Viewer.Name, Second));
        using var viewerAgain = host.Cloud.ClientFor(new TestUser(TestUsers.Viewer.Name, Second, Roles.Viewer));
        await host.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, "/api/me/password", new { current = Second, @new = TestUsers.Viewer.Password }, client: viewerAgain);
    }

    private async Task<JsonElement> Answer(List<string> answers, HttpStatusCode status, HttpMethod method, string path, object? body, long? ifMatch = null)
    {
        var answer = await host.ExpectAsync(status, method, path, body, ifMatch);
        answers.Add(answer.ToString());
        return answer;
    }

    private async Task<HttpStatusCode> SignInAsync(string name, string password)
    {
        using var browser = host.Cloud.ClientFor(null);
        using var response = await browser.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { name, password });
        return response.StatusCode;
    }

    private async Task<GatewayDefinition> GatewayAsync(string id) =>
        JsonSerializer.Deserialize<GatewayDefinition>((await host.Store.GetAsync(ConfigKind.Gateway, id, CancellationToken.None))!.Json, StationsFile.Options)!;

    private async Task<UserDefinition> UserAsync(string name) =>
        JsonSerializer.Deserialize<UserDefinition>((await host.Store.GetAsync(ConfigKind.User, name, CancellationToken.None))!.Json, StationsFile.Options)!;

    /// <summary>The audit entries about <paramref name="subject"/> once there are <paramref name="count"/>, as JSON text.</summary>
    private async Task<List<string>> AuditAsync(string subject, int count) =>
        await Eventually.ValueAsync(async () =>
        {
            var entries = (await host.Cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit?action=config-change&limit=1000", UriKind.Relative)))
                .EnumerateArray().Where(e => e.GetProperty("subject").GetString() == subject).Select(e => e.ToString()).ToList();
            return entries.Count >= count ? entries : null;
        }, Wait, $"{count} audit entries about {subject}");

    private static void NoSecrets(IEnumerable<string> texts, params string[] secrets)
    {
        foreach (var text in texts)
        {
            Assert.DoesNotContain("pbkdf2", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
