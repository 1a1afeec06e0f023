namespace EnvMonitoring.Edge.Forwarding;

/// <summary>A batch sent upstream and not yet acknowledged: its log range [Start, End) and when it went out.</summary>
internal sealed record SentBatch(long Number, long Start, long End, int Samples, long SentAt, bool Replay);
