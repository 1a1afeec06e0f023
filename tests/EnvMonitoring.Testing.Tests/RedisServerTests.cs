using StackExchange.Redis;

namespace EnvMonitoring.Testing.Tests;

/// <summary>The test Redis is secured as production should be: TLS only, a password, loopback.</summary>
public sealed class RedisServerTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task A_client_with_the_password_trusting_the_ca_is_served_over_tls()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Configuration(redis.Server.ConfigurationString, redis.Server.CaCertificatePath));

        var db = connection.GetDatabase();
        await db.StringSetAsync("redis-server-tests:greeting", "xin chào");
        Assert.Equal("xin chào", (string?)await db.StringGetAsync("redis-server-tests:greeting"));
        Assert.Contains($"bind {redis.Server.Host}", await File.ReadAllTextAsync(redis.Server.ConfigPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var wrong = redis.Server.ConfigurationString.Replace(redis.Server.Password, "not-the-password", StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(Configuration(wrong, redis.Server.CaCertificatePath)));
        Assert.Equal(ConnectionFailureType.AuthenticationFailure, refused.FailureType);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_ca_or_speaks_plain_resp_is_refused()
    {
        // Trusting only the machine's store: the private CA's certificate does not validate.
        await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(Configuration(redis.Server.ConfigurationString, null)));
        var plain = redis.Server.ConfigurationString.Replace(",ssl=true", "", StringComparison.Ordinal);
        await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(Configuration(plain, redis.Server.CaCertificatePath)));
    }

    private static ConfigurationOptions Configuration(string configuration, string? ca)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.ConnectTimeout = 3000;
        options.ConnectRetry = 1;
        if (ca is not null)
        {
            options.TrustIssuer(ca);
        }

        return options;
    }
}
