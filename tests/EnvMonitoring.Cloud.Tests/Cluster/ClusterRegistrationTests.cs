using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Testing;
using EnvMonitoring.Testing.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace EnvMonitoring.Cloud.Tests.Cluster;

/// <summary><c>AddCluster</c>: a host alone owns every park; with a Redis it leases them, through its registered custodians.</summary>
public sealed class ClusterRegistrationTests(RedisServerFixture redis, ITestOutputHelper output) : IClassFixture<RedisServerFixture>
{
    private static readonly string[] Parks = ["KCN-X", "KCN-Y"];

    [Fact]
    public async Task Without_redis_the_host_owns_every_park_of_the_registry_and_connects_to_nothing()
    {
        await using var app = Build([]);

        var ownership = app.Services.GetRequiredService<IParkOwnership>();
        Assert.IsType<SingleHostOwnership>(ownership);
        Assert.Null(app.Services.GetService<IConnectionMultiplexer>());
        Assert.False(ownership.Shared);
        Assert.True(ownership.Owns("KCN-X"));
        // Alone, it judges whatever reaches it, a park the registry does not list included.
        Assert.True(ownership.Owns("KCN-Z"));
        Assert.Equal(Parks, ownership.Owned);
    }

    [Fact]
    public async Task With_redis_the_hosted_leases_take_up_every_park_and_hand_them_over_on_stop()
    {
        using var log = new TestLog(output);
        var journal = new CustodyJournal();
        await using var app = Build(
            new()
            {
                ["Cluster:Redis"] = redis.Server.ConfigurationString,
                ["Cluster:RedisCaCertificate"] = redis.Server.CaCertificatePath,
                ["Cluster:InstanceId"] = "cloud-1",
                ["Cluster:KeyPrefix"] = $"t{Guid.NewGuid():N}:",
                ["Cluster:LeaseTime"] = LeaseInstance.LeaseTime.ToString(),
                ["Cluster:RenewInterval"] = LeaseInstance.RenewInterval.ToString(),
            },
            log,
            new RecordingCustodian("cloud-1", journal));
        var ownership = app.Services.GetRequiredService<IParkOwnership>();
        Assert.IsType<ParkLeases>(ownership);

        await app.StartAsync();
        await Eventually.UntilAsync(() => Parks.All(ownership.Owns), TimeSpan.FromSeconds(15), "the one instance owns both parks");
        await app.StopAsync();

        Assert.Empty(ownership.Owned);
        Assert.Equal(Parks, journal.Of("cloud-1", CustodyStep.HandedOver).Select(e => e.Park).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Options_that_cannot_keep_a_lease_stop_the_host_at_start()
    {
        await using var app = Build(new()
        {
            ["Cluster:Redis"] = redis.Server.ConfigurationString,
            ["Cluster:RedisCaCertificate"] = redis.Server.CaCertificatePath,
            ["Cluster:LeaseTime"] = "00:00:03",
            ["Cluster:RenewInterval"] = "00:00:01",
        });

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("RenewInterval", refused.Message, StringComparison.Ordinal);
    }

    private static WebApplication Build(Dictionary<string, string?> settings, TestLog? log = null, IParkCustodian? custodian = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        // A server on a loopback port of its own: the test is about the services, not the web.
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        if (log is not null)
        {
            builder.Logging.AddProvider(log.Provider);
        }

        builder.Services.AddSingleton(LeaseInstance.RegistryOf(Parks));
        if (custodian is not null)
        {
            builder.Services.AddSingleton(custodian);
        }

        builder.AddCluster();
        builder.AddParkLeases();
        return builder.Build();
    }
}
