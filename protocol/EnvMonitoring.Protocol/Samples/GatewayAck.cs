namespace EnvMonitoring.Protocol.Samples;

/// <summary>The cloud's word that these batches of a gateway are durably stored (or quarantined).</summary>
public sealed record GatewayAck(IReadOnlyList<long> Batches);
