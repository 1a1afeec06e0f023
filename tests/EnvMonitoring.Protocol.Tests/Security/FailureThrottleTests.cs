using EnvMonitoring.Protocol.Security;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Protocol.Tests.Security;

public sealed class FailureThrottleTests
{
    [Fact]
    public void A_key_is_blocked_from_its_nth_failure_until_the_oldest_leaves_the_window_and_says_how_long()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero));
        var throttle = new FailureThrottle<string>(3, TimeSpan.FromMinutes(15), time, StringComparer.OrdinalIgnoreCase);

        Assert.Equal(1, throttle.Fail("officer"));
        time.Advance(TimeSpan.FromMinutes(5));
        throttle.Fail("officer");
        Assert.False(throttle.IsBlocked("OFFICER", out _));
        Assert.Equal(3, throttle.Fail("Officer"));

        Assert.True(throttle.IsBlocked("officer", out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(10), retryAfter);
        Assert.False(throttle.IsBlocked("someone-else", out _));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(throttle.IsBlocked("officer", out _));
    }
}
