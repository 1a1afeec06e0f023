namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>Something ingestion refused, kept for inspection: when, from which topic, and why.</summary>
public sealed record QuarantineEntry(DateTimeOffset ReceivedAt, string Topic, string Reason, string Path, string Detail);
