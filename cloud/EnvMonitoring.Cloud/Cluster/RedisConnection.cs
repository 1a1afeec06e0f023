using StackExchange.Redis;

namespace EnvMonitoring.Cloud.Cluster;

/// <summary>The one way the host connects to the cluster's Redis, from <see cref="ClusterOptions"/>.</summary>
internal static class RedisConnection
{
    /// <summary>
    /// The parsed configuration string, named after the instance (<c>CLIENT LIST</c> shows who is
    /// who), trusting <see cref="ClusterOptions.RedisCaCertificate"/> when given. It never aborts
    /// on a failed first connection: the client keeps reconnecting and the leases wait for it.
    /// </summary>
    public static ConfigurationOptions Configuration(ClusterOptions options, ILoggerFactory? logging)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsCluster)
        {
            throw new InvalidOperationException($"{ClusterOptions.Section}:Redis is not configured: a single host needs no Redis.");
        }

        var configuration = ConfigurationOptions.Parse(options.Redis!);
        configuration.ClientName = options.InstanceId;
        configuration.AbortOnConnectFail = false;
        configuration.LoggerFactory = logging;
        if (options.RedisCaCertificate is { Length: > 0 } ca)
        {
            configuration.TrustIssuer(ca);
        }

        return configuration;
    }
}
