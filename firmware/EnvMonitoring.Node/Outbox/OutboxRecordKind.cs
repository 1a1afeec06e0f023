namespace EnvMonitoring.Node.Outbox;

/// <summary>What a record of an outbox file says.</summary>
internal enum OutboxRecordKind : byte
{
    /// <summary>A sample: its seq (8 bytes) and its JSON.</summary>
    Sample = 1,

    /// <summary>The gateway acknowledged every sample up to this seq (8 bytes).</summary>
    Acknowledged = 2,

    /// <summary>Every sample up to this seq (8 bytes) was given up: refused by the gateway, or pushed out by a full buffer.</summary>
    Dropped = 3,

    /// <summary>The next seq (8 bytes): the first record of a compacted file, so seq never restarts.</summary>
    Base = 4,
}
