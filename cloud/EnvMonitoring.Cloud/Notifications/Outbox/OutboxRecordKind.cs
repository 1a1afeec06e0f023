namespace EnvMonitoring.Cloud.Notifications.Outbox;

/// <summary>What a record of a receiver's outbox file says.</summary>
internal enum OutboxRecordKind : byte
{
    /// <summary>A delivery to make: its sequence number (8 bytes) and its JSON (<see cref="StoredDelivery"/>).</summary>
    Delivery = 1,

    /// <summary>The delivery with this sequence number (8 bytes) is settled: delivered, refused or given up.</summary>
    Settled = 2,

    /// <summary>The next sequence number (8 bytes): the first record of a rewritten file, so numbers never restart.</summary>
    Base = 3,
}
