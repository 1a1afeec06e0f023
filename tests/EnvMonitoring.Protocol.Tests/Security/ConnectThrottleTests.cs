using System.Diagnostics;
using System.Net;
using EnvMonitoring.Protocol.Security;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Protocol.Tests.Security;

public sealed class ConnectThrottleTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("192.0.2.7");
    private static readonly IPAddress Neighbour = IPAddress.Parse("192.0.2.8");

    [Fact]
    public void Blocks_an_address_after_max_failures_within_the_window_and_lets_it_in_once_they_age_out()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var throttle = new ConnectThrottle(3, TimeSpan.FromMinutes(1), time);

        throttle.Failed(Attacker);
        time.Advance(TimeSpan.FromSeconds(10));
        throttle.Failed(Attacker);
        Assert.False(throttle.IsBlocked(Attacker));
        throttle.Failed(Attacker);

        Assert.True(throttle.IsBlocked(Attacker));
        Assert.False(throttle.IsBlocked(Neighbour));
        time.Advance(TimeSpan.FromSeconds(51));
        Assert.False(throttle.IsBlocked(Attacker));
    }

    [Fact]
    public void Folds_ipv4_mapped_addresses_so_one_client_is_one_source()
    {
        var mapped = new IPEndPoint(Attacker.MapToIPv6(), 50_000);

        Assert.Equal(Attacker, ConnectThrottle.SourceOf(mapped));
        Assert.Null(ConnectThrottle.SourceOf(null));
    }

    [Fact]
    public void An_unknown_user_costs_a_pbkdf2_run_like_a_known_one()
    {
        var stored = PasswordHash.Create("right");
        PasswordHash.VerifyOrDummy("warm-up", stored);
        PasswordHash.VerifyOrDummy("warm-up", null);

        // Same work, not the same wall time on a shared machine: the three are measured in turn, round
        // after round, so a busy spell slows all of them, and the fastest run of each is compared. Rounds
        // go on (up to 30) until the fastest runs agree: noise clears with more rounds, while an unknown
        // user that skipped the derivation would stay at microseconds however many rounds are run.
        var best = new[] { TimeSpan.MaxValue, TimeSpan.MaxValue, TimeSpan.MaxValue };
        Action[] checks =
        [
            () => Assert.False(PasswordHash.VerifyOrDummy("wrong", stored)),
            () => Assert.False(PasswordHash.VerifyOrDummy("wrong", null)),
            () => Assert.False(PasswordHash.VerifyOrDummy(null, stored)),
        ];
        for (var round = 0; round < 30 && (round < 5 || best[1] <= best[0] / 3 || best[2] <= best[0] / 3); round++)
        {
            for (var i = 0; i < checks.Length; i++)
            {
                var clock = Stopwatch.StartNew();
                checks[i]();
                best[i] = clock.Elapsed < best[i] ? clock.Elapsed : best[i];
            }
        }

        var (known, unknown, noPassword) = (best[0], best[1], best[2]);

        // A third is far above "no work" (microseconds) and far below one derivation.
        Assert.True(unknown > known / 3, $"unknown user {unknown.TotalMilliseconds} ms, known {known.TotalMilliseconds} ms");
        Assert.True(noPassword > known / 3, $"no password {noPassword.TotalMilliseconds} ms, known {known.TotalMilliseconds} ms");
        Assert.True(PasswordHash.VerifyOrDummy("right", stored));
    }
}
