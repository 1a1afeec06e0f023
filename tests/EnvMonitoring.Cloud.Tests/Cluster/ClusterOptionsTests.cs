using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Cloud.Tests.Cluster;

/// <summary>A cluster that cannot keep its leases safely stops the host at start, naming the key at fault.</summary>
public sealed class ClusterOptionsTests
{
    private static IReadOnlyList<string> Problems(ClusterOptions options) =>
        new ClusterOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void The_defaults_are_a_valid_single_host_with_a_machine_and_process_id()
    {
        var options = new ClusterOptions();
        Assert.Empty(Problems(options));
        Assert.False(options.IsCluster);
        Assert.True(Identifier.IsValid(options.InstanceId));
        Assert.EndsWith("-" + Environment.ProcessId, options.InstanceId, StringComparison.Ordinal);
    }

    [Fact]
    public void Renewals_must_come_at_least_three_times_per_lease()
    {
        Assert.Contains(Problems(new ClusterOptions { LeaseTime = TimeSpan.FromSeconds(9), RenewInterval = TimeSpan.FromSeconds(3) }), p => p.Contains("RenewInterval", StringComparison.Ordinal));
        Assert.Empty(Problems(new ClusterOptions { LeaseTime = TimeSpan.FromSeconds(9), RenewInterval = TimeSpan.FromSeconds(2.9) }));
        Assert.Contains(Problems(new ClusterOptions { RenewInterval = TimeSpan.Zero }), p => p.Contains("RenewInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_an_instance_id_that_is_not_an_identifier_and_an_empty_prefix()
    {
        Assert.Contains(Problems(new ClusterOptions { InstanceId = "cloud 1" }), p => p.Contains("InstanceId", StringComparison.Ordinal));
        Assert.Contains(Problems(new ClusterOptions { KeyPrefix = "" }), p => p.Contains("KeyPrefix", StringComparison.Ordinal));
    }

    [Fact]
    public void A_redis_without_a_password_or_that_does_not_parse_is_refused_without_echoing_the_password()
    {
        Assert.Empty(Problems(new ClusterOptions { Redis = "redis.internal:6380,ssl=true,password=s3cret" }));
        Assert.Contains(Problems(new ClusterOptions { Redis = "redis.internal:6379" }), p => p.Contains("no password", StringComparison.Ordinal));
        var garbled = Problems(new ClusterOptions { Redis = "redis.internal:6379,password=s3cret,sll=true" });
        Assert.Contains(garbled, p => p.Contains("Cluster:Redis", StringComparison.Ordinal));
        Assert.DoesNotContain(garbled, p => p.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_ca_certificate_file_is_refused()
    {
        Assert.Contains(
            Problems(new ClusterOptions { Redis = "localhost:6380,ssl=true,password=x", RedisCaCertificate = "/nonexistent/ca.crt" }),
            p => p.Contains("RedisCaCertificate", StringComparison.Ordinal));
    }
}
