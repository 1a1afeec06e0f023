using System.Globalization;
using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Cloud.Cluster;

/// <summary>
/// Several instances sharing the province (section <c>Cluster</c>, docs/scale.md). Without
/// <see cref="Redis"/> the host is alone and owns every park.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// The StackExchange.Redis configuration string, e.g. <c>redis.example:6380,ssl=true,password=…</c>
    /// (set the password through an environment variable or user secrets); null or empty: a single host.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// A PEM file of the certificate authority that signed the Redis server's TLS certificate, when
    /// the machine's trust store does not know it (a private CA); null: the trust store decides.
    /// </summary>
    public string? RedisCaCertificate { get; set; }

    /// <summary>This instance's name among the members, an identifier unique in the cluster; by default machine and process.</summary>
    public string InstanceId { get; set; } = DefaultInstanceId();

    /// <summary>How long a lease (and a membership) lasts without renewal: how long a killed instance's parks wait for a new owner.</summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often held leases are renewed and the assignment reviewed; under a third of <see cref="LeaseTime"/>, so two renewals may fail before a lease is lost.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Put before every key (<c>{prefix}members</c>, <c>{prefix}lease:{park}</c>, <c>{prefix}fence:{park}</c>), so clusters can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "envmon:";

    /// <summary>Whether the host is one of several: a Redis to meet the others in is configured.</summary>
    public bool IsCluster => !string.IsNullOrWhiteSpace(Redis);

    /// <summary><c>{machine}-{pid}</c>, the machine's name cut to what an identifier allows.</summary>
    public static string DefaultInstanceId()
    {
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var machine = new string([.. Environment.MachineName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-')]);
        machine = machine.Length == 0 || !char.IsAsciiLetterOrDigit(machine[0]) ? "host" + machine : machine;
        return $"{machine[..Math.Min(machine.Length, Identifier.MaxLength - pid.Length - 1)]}-{pid}";
    }
}
