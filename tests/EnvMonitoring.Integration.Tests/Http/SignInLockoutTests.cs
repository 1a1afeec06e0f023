using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EnvMonitoring.Integration.Tests.Alerts;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Http;

/// <summary>
/// Issue 14, item 3: repeated wrong passwords lock the account out for cookie sign-in and HTTP Basic
/// alike; while locked, even the right password gets 429 with <c>Retry-After</c>; each failure is
/// answered later than the one before; the lock ends by itself.
/// </summary>
public sealed class SignInLockoutTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    [Fact]
    public async Task Wrong_passwords_lock_the_account_for_cookie_and_basic_until_retry_after_has_passed()
    {
        var settings = new Dictionary<string, string>(new AlertStation("LockPark", "LOCK-01").Settings())
        {
            ["Security:SignInFailuresPerAccount"] = "5",
            ["Security:SignInFailureWindow"] = "00:00:10",
        };
        await using var cloud = await CloudHost.StartAsync(influx.Server, $"lockout_{Guid.NewGuid():N}", settings);
        cloud.Log.Expect(e => e.Is("SignInLocked"), "the test keeps trying a locked account");
        using var browser = cloud.ClientFor(null);
        var user = TestUsers.Operator;
        var answered = new List<TimeSpan>();

        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            using var wrong = await SignInAsync(browser, user.Name, $"guess-{i}");
            answered.Add(clock.Elapsed);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // Growing delay: the fifth failure is answered well after the first.
        Assert.True(answered[4] > answered[0] + TimeSpan.FromMilliseconds(800), $"answers took {string.Join(", ", answered.Select(a => a.TotalMilliseconds))} ms");
        var locked = Stopwatch.StartNew();
        using (var right = await SignInAsync(browser, user.Name, user.Password))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
            var retryAfter = right.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
            Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
            Assert.False(right.Headers.Contains("Set-Cookie"));
        }

        using (var basic = cloud.ClientFor(user))
        using (var refused = await basic.GetAsync(new Uri("/api/stations", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        // Another account is not locked by this one's failures.
        using (var other = cloud.ClientFor(TestUsers.Viewer))
        {
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(new Uri("/api/stations", UriKind.Relative))).StatusCode);
        }

        await Eventually.UntilAsync(async () =>
        {
            using var again = await SignInAsync(browser, user.Name, user.Password);
            return again.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(20), "the lock ends once the oldest failure is older than the window");
        Assert.True(locked.Elapsed > TimeSpan.FromSeconds(3), "the right password was refused while the account was locked");
        cloud.Log.AssertNoUnexpected();
        Assert.Equal(5, cloud.Log.Entries.Count(e => e.Is("SignInRefused") && e.Message.Contains(user.Name, StringComparison.Ordinal)));
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string name, string password) =>
        browser.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { name, password });
}
