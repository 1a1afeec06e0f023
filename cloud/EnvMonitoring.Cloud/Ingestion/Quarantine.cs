using System.Collections.Concurrent;
using EnvMonitoring.Protocol.Codec;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// The most recent refused items with their reasons, and a count per reason since start.
/// Bounded: the oldest entries give way. (Durable quarantine is part of the ingestion issue.)
/// </summary>
public sealed class Quarantine(TimeProvider time)
{
    public const int Capacity = 10_000;

    /// <summary>The reason recorded when InfluxDB itself refuses lines.</summary>
    public const string RefusedByStorage = "RefusedByStorage";

    private readonly ConcurrentQueue<QuarantineEntry> _entries = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string topic, IReadOnlyList<Rejection> rejections)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        foreach (var rejection in rejections)
        {
            Add(topic, rejection.Reason.ToString(), rejection.Path, rejection.Detail);
        }
    }

    public void Add(string topic, string reason, string path, string detail)
    {
        _entries.Enqueue(new QuarantineEntry(time.GetUtcNow(), topic, reason, path, detail));
        _counts.AddOrUpdate(reason, 1, static (_, count) => count + 1);
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
            // Dropping the oldest entry keeps the quarantine bounded; the counts keep the totals.
        }
    }

    public IReadOnlyList<QuarantineEntry> Latest(int limit) => _entries.Reverse().Take(limit).ToList();

    public IReadOnlyDictionary<string, long> CountsByReason => _counts;
}
