using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Integration.Tests.Alerts;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EnvMonitoring.Integration.Tests.Http;

/// <summary>
/// Issue 14, item 2: a session lives on the server. A copied cookie is worth nothing after sign-out,
/// and removing, disabling or changing a user (password, parks) ends their sessions and closes their
/// live connections within seconds: changed in the settings (seeded into the configuration store and
/// applied), or removed from the store.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SessionTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly TestUser Temporary = new("t-temporary", "temporary-secret-1", "operator");

    [Fact]
    public async Task A_cookie_copied_before_sign_out_gets_401_after_it()
    {
        await using var cloud = await CloudHost.StartAsync(influx.Server, $"session_{Guid.NewGuid():N}", new AlertStation("SessPark", "SESS-01").Settings());
        using var browser = cloud.ClientFor(null);
        var cookie = await SignInAsync(browser, TestUsers.Operator);
        using var thief = CookieClient(cloud, cookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).StatusCode);

        using (var logout = await browser.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var replayed = await thief.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Fact]
    public async Task A_cookie_of_another_host_process_is_refused()
    {
        var keys = Directory.CreateTempSubdirectory("envmon-keys-");
        try
        {
            // Both hosts share the cookie keys (Security:KeysDirectory), so the cookie still decrypts: only the session decides.
            var settings = new Dictionary<string, string>(new AlertStation("SessPark", "SESS-01").Settings()) { ["Security:KeysDirectory"] = keys.FullName };
            string cookie;
            await using (var first = await CloudHost.StartAsync(influx.Server, $"session_{Guid.NewGuid():N}", settings))
            {
                using var browser = first.ClientFor(null);
                cookie = await SignInAsync(browser, TestUsers.Operator);
                using var same = await CookieClient(first, cookie).GetAsync(new Uri("/api/auth/me", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, same.StatusCode);
            }

            // The keys live in the host's private folder: 0700, and at least one key in it.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys.FullName));
            Assert.NotEmpty(keys.GetFiles("key-*.xml"));

            await using var second = await CloudHost.StartAsync(influx.Server, $"session_{Guid.NewGuid():N}", settings);
            using var replayed = await CookieClient(second, cookie).GetAsync(new Uri("/api/auth/me", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("removed")]
    [InlineData("disabled")]
    [InlineData("new password")]
    [InlineData("new parks")]
    public async Task A_user_changed_in_configuration_loses_cookie_basic_and_live_connection_within_seconds(string change)
    {
        var directory = Directory.CreateTempSubdirectory("envmon-users-");
        try
        {
            await ChangeUserAsync(Path.Combine(directory.FullName, "users.json"), change);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private async Task ChangeUserAsync(string file, string change)
    {
        await WriteUsersAsync(file, Temporary.PasswordHash, disabled: false, parks: []);
        await using var cloud = await CloudHost.StartAsync(influx.Server, $"session_{Guid.NewGuid():N}", new AlertStation("SessPark", "SESS-01").Settings(), jsonFile: file);
        cloud.Log.Expect(e => e.Is("UsersApplied"), "the test edits the users");
        using var browser = cloud.ClientFor(null);
        var cookie = await SignInAsync(browser, Temporary);
        await using var hub = cloud.LiveHub(cookie);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("Subscribe", "province");
        using var basic = cloud.ClientFor(Temporary);
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync(new Uri("/api/stations", UriKind.Relative))).StatusCode);

        switch (change)
        {
            case "removed":
                // Removing a user from the settings leaves them in the configuration store (docs/configuration.md): an admin deletes them there.
                var store = cloud.Services.GetRequiredService<IConfigStore>();
                var entry = await store.GetAsync(ConfigKind.User, Temporary.Name, CancellationToken.None);
                await store.DeleteAsync(ConfigKind.User, Temporary.Name, entry!.Version, "test", CancellationToken.None);
                await cloud.Services.GetRequiredService<IConfigApplier>().ApplyAsync(CancellationToken.None);
                break;
            case "disabled":
                await WriteUsersAsync(file, Temporary.PasswordHash, disabled: true, parks: []);
                break;
            case "new parks":
                // From every park to one the registered station is not in.
                await WriteUsersAsync(file, Temporary.PasswordHash, disabled: false, parks: ["OtherPark"]);
                break;
            default:
                await WriteUsersAsync(file, new TestUser(Temporary.Name, "another-secret-2", "operator").PasswordHash, disabled: false, parks: []);
                break;
        }

        await closed.Task.WaitAsync(Wait);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).StatusCode);
        if (change == "new parks")
        {
            // Basic proves the password on every request: the same user goes on, within the new parks only.
            Assert.Equal(0, (await basic.GetFromJsonAsync<JsonElement>(new Uri("/api/stations", UriKind.Relative))).GetArrayLength());
            Assert.Equal(HttpStatusCode.Forbidden, (await basic.GetAsync(new Uri("/api/readings?station=SESS-01&param=COD", UriKind.Relative))).StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync(new Uri("/api/stations", UriKind.Relative))).StatusCode);
        }

        using var others = cloud.ClientFor(TestUsers.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await others.GetAsync(new Uri("/api/stations", UriKind.Relative))).StatusCode);
    }

    private static async Task<string> SignInAsync(HttpClient browser, TestUser user)
    {
        using var login = await browser.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { name = user.Name, password = user.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("envmon.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static HttpClient CookieClient(CloudHost cloud, string cookie)
    {
        var client = cloud.ClientFor(null);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>The fifth user (after the four of <see cref="TestUsers"/>) lives in a file the host reloads.</summary>
    private static Task WriteUsersAsync(string file, string passwordHash, bool disabled, string[] parks) => File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
    {
        Security = new
        {
            Users = new Dictionary<string, object>
            {
                ["4"] = new { Name = Temporary.Name, PasswordHash = passwordHash, Roles = new[] { Temporary.Role }, Disabled = disabled, Parks = parks },
            },
        },
    }));
}
