using System.Text.Json;
using StackExchange.Redis;

namespace EnvMonitoring.Cloud.Cluster;

/// <summary>
/// <see cref="IClusterChannel"/> over Redis publish/subscribe: each message goes out as
/// <c>{"from": instance, "body": …}</c> on <c>{KeyPrefix}bus:{channel}</c>; a subscription reads them
/// through one ordered queue (StackExchange.Redis' <see cref="ChannelMessageQueue"/>), skipping its own.
/// Publish/subscribe keeps nothing: an instance away misses what was said meanwhile, and rebuilds
/// from the stores (the alert store, InfluxDB) what it must not miss.
/// </summary>
internal sealed class RedisClusterChannel(IConnectionMultiplexer redis, string prefix, string instanceId, ILogger<RedisClusterChannel> logger) : IClusterChannel
{
    public bool Enabled => true;

    public async Task PublishAsync<T>(string channel, T message, CancellationToken cancellationToken)
    {
        var envelope = JsonSerializer.SerializeToUtf8Bytes(new Envelope<T>(instanceId, message), ClusterJson.Options);
        await redis.GetSubscriber().PublishAsync(Channel(channel), envelope).WaitAsync(cancellationToken);
    }

    public async Task SubscribeAsync<T>(string channel, Func<T, Task> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var queue = await redis.GetSubscriber().SubscribeAsync(Channel(channel));
        queue.OnMessage(async message =>
        {
            try
            {
                var envelope = JsonSerializer.Deserialize<Envelope<T>>((byte[])message.Message!, ClusterJson.Options);
                if (envelope is { Body: { } body } && envelope.From != instanceId)
                {
                    await handler(body);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ClusterLog.BadMessage(logger, channel, e);
            }
        });
        cancellationToken.Register(() => queue.Unsubscribe());
    }

    private RedisChannel Channel(string channel) => RedisChannel.Literal($"{prefix}bus:{channel}");

    private sealed record Envelope<T>(string From, T? Body);
}
