using EnvMonitoring.Protocol.Identifiers;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EnvMonitoring.Cloud.Cluster;

/// <summary>Checks the <c>Cluster</c> section at start-up, naming each problem by its key.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Key = ClusterOptions.Section;
        var problems = new List<string>();
        if (!Identifier.IsValid(options.InstanceId))
        {
            problems.Add($"{Key}:InstanceId '{options.InstanceId}' must be an identifier (letters, digits, _ . -; up to {Identifier.MaxLength}).");
        }

        if (options.LeaseTime < TimeSpan.FromMilliseconds(300))
        {
            problems.Add($"{Key}:LeaseTime must be at least 300 ms (it is {options.LeaseTime}).");
        }

        if (options.RenewInterval <= TimeSpan.Zero || options.RenewInterval >= options.LeaseTime / 3)
        {
            problems.Add($"{Key}:RenewInterval ({options.RenewInterval}) must be positive and under a third of LeaseTime ({options.LeaseTime}), so a lease survives two failed renewals.");
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Any(char.IsWhiteSpace))
        {
            problems.Add($"{Key}:KeyPrefix must be a non-empty prefix without spaces (default envmon:).");
        }

        if (options.IsCluster)
        {
            CheckRedis(options.Redis!, problems);
        }

        if (options.RedisCaCertificate is { Length: > 0 } ca && !File.Exists(ca))
        {
            problems.Add($"{Key}:RedisCaCertificate '{ca}' does not exist.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>A Redis the leases live in must parse and ask for a password: without one, anyone who reaches it could take a park.</summary>
    private static void CheckRedis(string configuration, List<string> problems)
    {
        try
        {
            var redis = ConfigurationOptions.Parse(configuration);
            if (redis.EndPoints.Count == 0)
            {
                problems.Add($"{ClusterOptions.Section}:Redis names no server (host:port).");
            }

            if (string.IsNullOrEmpty(redis.Password))
            {
                problems.Add($"{ClusterOptions.Section}:Redis has no password: give the server's requirepass or an ACL user (user=…,password=…).");
            }
        }
        catch (ArgumentException e)
        {
            // The message names the option, never the rest of the string (which holds the password).
            problems.Add($"{ClusterOptions.Section}:Redis is not a StackExchange.Redis configuration: {e.Message}");
        }
    }
}
