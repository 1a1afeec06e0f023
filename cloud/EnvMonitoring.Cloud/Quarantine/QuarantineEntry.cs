namespace EnvMonitoring.Cloud.Quarantine;

/// <summary>
/// Something ingestion refused: when, from which topic, why (a reason name of docs/contract.md, or
/// <c>RefusedByStorage</c>), where in the payload, and the start of the payload as it came.
/// </summary>
public sealed record QuarantineEntry(
    DateTimeOffset ReceivedAt, string Topic, string Reason, string Path, string Detail, string? Payload = null, int? PayloadBytes = null);
