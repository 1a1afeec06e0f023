using System.Net;
using EnvMonitoring.Integration.Tests.Alerts;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Http;

/// <summary>
/// Issue 14, item 3: expensive calls are limited per user. With InfluxDB frozen (SIGSTOP) every
/// admitted read waits, so what the limiter does is plain: a user's calls beyond the running and
/// waiting allowance get 429 with Retry-After at once, while another user's call is still admitted.
/// </summary>
public sealed class UserRateLimitTests
{
    private const int Stop = 19;
    private const int Continue = 18;

    [Fact]
    public async Task One_users_flood_gets_429_beyond_its_allowance_while_another_user_is_still_served()
    {
        await using var influx = await InfluxServer.StartAsync();
        var station = new AlertStation("LimitPark", "LIM-01");
        var settings = new Dictionary<string, string>(station.Settings())
        {
            ["RequestLimits:ExpensivePerUser"] = "2",
            ["RequestLimits:ExpensiveQueuedPerUser"] = "1",
        };
        await using var cloud = await CloudHost.StartAsync(influx, "limits", settings);
        using var flooder = cloud.ClientFor(TestUsers.Inspector);
        using var other = cloud.ClientFor(TestUsers.Operator);
        var url = new Uri($"/api/readings?station={station.Station}&param=COD", UriKind.Relative);

        influx.SendSignal(Stop);
        List<Task<HttpResponseMessage>> flood;
        Task<HttpResponseMessage> others;
        try
        {
            flood = [.. Enumerable.Range(0, 6).Select(_ => flooder.GetAsync(url))];
            // Beyond 2 running and 1 waiting, the flooder is refused without waiting for InfluxDB.
            var refused = await Eventually.ValueAsync(
                () => Task.FromResult(flood.Count(t => t.IsCompletedSuccessfully && t.Result.StatusCode == HttpStatusCode.TooManyRequests) is 3 and var n ? (int?)n : null),
                TimeSpan.FromSeconds(10), "three of the six calls are refused at once");
            Assert.Equal(3, refused);
            Assert.All(flood.Where(t => t.IsCompleted), t => Assert.Equal("1", t.Result.Headers.RetryAfter?.ToString()));
            Assert.Equal(3, flood.Count(t => !t.IsCompleted));

            // Another user is admitted (waits for InfluxDB like any read), not refused.
            others = other.GetAsync(url);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(others.IsCompleted, "the other user's call was answered without InfluxDB: refused?");
        }
        finally
        {
            influx.SendSignal(Continue);
        }

        // Admitted: answered once InfluxDB runs again, or, on a loaded machine where the freeze outlasts a
        // storage time-out, told that storage is unavailable (503); never refused for the other user's flood.
        using (var answer = await others)
        {
            Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"the other user got {answer.StatusCode}");
        }

        var answers = await Task.WhenAll(flood);
        // The three admitted are answered (or, as above, told storage is unavailable), the three others refused.
        Assert.Equal(3, answers.Count(a => a.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable));
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }
}
