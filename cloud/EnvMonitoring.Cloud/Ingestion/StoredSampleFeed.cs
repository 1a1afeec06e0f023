using System.Threading.Channels;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Samples that ingestion has stored, in the order they were stored, for the rules engine and the
/// live state. Bounded: if the reader falls behind, ingestion waits (and so the broker holds the
/// backlog) rather than anything being dropped. Each <see cref="IStoredSamplesListener"/> is told of
/// what ingestion stored before the rules are (the seals learn of every sample this way).
/// </summary>
public sealed class StoredSampleFeed(IEnumerable<IStoredSamplesListener> listeners)
{
    private readonly IStoredSamplesListener[] _listeners = [.. listeners];

    private readonly Channel<StoredSamples> _channel = Channel.CreateBounded<StoredSamples>(new BoundedChannelOptions(4096)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ChannelReader<StoredSamples> Reader => _channel.Reader;

    internal ValueTask PublishAsync(IReadOnlyList<IngestedMessage> messages, IReadOnlyList<StorageConflict> conflicts, CancellationToken cancellationToken)
    {
        var stored = new List<StoredSamples>();
        foreach (var message in messages)
        {
            if (message.Park is { } park && message.Samples.Count > 0)
            {
                stored.Add(new StoredSamples(park, message.Samples));
            }
        }

        foreach (var conflict in conflicts)
        {
            stored.Add(new StoredSamples(conflict.Park, []) { RefusedRewrite = conflict.Sent });
        }

        return stored.Count switch
        {
            0 => ValueTask.CompletedTask,
            _ => PublishAllAsync(stored, cancellationToken),
        };
    }


    /// <summary>For tests and tools that feed samples without going through MQTT.</summary>
    public ValueTask PublishAsync(string park, IReadOnlyList<Sample> samples, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(new StoredSamples(park, samples), cancellationToken);

    private async ValueTask PublishAllAsync(List<StoredSamples> stored, CancellationToken cancellationToken)
    {
        foreach (var listener in _listeners)
        {
            await listener.OnStoredAsync(stored, cancellationToken);
        }

        foreach (var item in stored)
        {
            await _channel.Writer.WriteAsync(item, cancellationToken);
        }
    }
}

/// <summary>
/// Samples of one park stored together (one MQTT message's worth), or, with <see cref="RefusedRewrite"/>,
/// a sample refused because it would have rewritten a stored one (the rules open a data-conflict alert).
/// </summary>
public sealed record StoredSamples(string Park, IReadOnlyList<Sample> Samples)
{
    public Sample? RefusedRewrite { get; init; }
}
