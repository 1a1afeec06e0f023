namespace EnvMonitoring.Cloud.Notifications.Outbox;

/// <summary>A delivery kept in a <see cref="ReceiverOutbox"/>, with the sequence number that settles it.</summary>
internal readonly record struct OutboxEntry(long Sequence, Delivery Delivery);
