namespace EnvMonitoring.Node.Outbox;

/// <summary>A sample waiting in the outbox: its <c>seq</c> and its contract JSON, exactly as it will be published.</summary>
internal readonly record struct OutboxEntry(long Seq, ReadOnlyMemory<byte> Payload);
