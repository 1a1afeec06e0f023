namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>A gateway batch encoded before the clock starts: its number, JSON and how many values it carries.</summary>
internal sealed record GatewayBatchPayload(long Number, byte[] Payload, int Values);
