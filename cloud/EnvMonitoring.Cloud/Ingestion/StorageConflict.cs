using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// A sample refused because storing it would rewrite a stored one: the same station and
/// measurement time with other content, or a seq already stored at another time. <see cref="StoredAt"/>
/// is the stored sample's measurement time; <see cref="Stored"/> its content once read.
/// </summary>
internal sealed record StorageConflict(string Topic, string Park, bool InBatch, Sample Sent, LedgerVerdict Kind, DateTimeOffset StoredAt)
{
    public Sample? Stored { get; set; }
}
