using System.Text.Json;

namespace EnvMonitoring.Cloud.Cluster;

/// <summary>
/// Messages between the instances that share the parks (Redis publish/subscribe): what one judges,
/// the others show. A message is JSON; each instance gets the messages of the others, in the order
/// each was published, never its own. A single host has no other instance: publishing does nothing.
/// </summary>
public interface IClusterChannel
{
    /// <summary>False on a single host.</summary>
    bool Enabled { get; }

    Task PublishAsync<T>(string channel, T message, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="handler"/> with each message of another instance on <paramref name="channel"/>, one at a time.</summary>
    Task SubscribeAsync<T>(string channel, Func<T, Task> handler, CancellationToken cancellationToken);
}

/// <summary>The JSON of the cluster's messages: the API's own (camelCase).</summary>
internal static class ClusterJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

/// <summary>A single host: nobody to tell.</summary>
internal sealed class SingleHostChannel : IClusterChannel
{
    public bool Enabled => false;

    public Task PublishAsync<T>(string channel, T message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SubscribeAsync<T>(string channel, Func<T, Task> handler, CancellationToken cancellationToken) => Task.CompletedTask;
}
