namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// One receiver's outbox as <c>GET /api/health</c> shows it: deliveries waiting (queued or under
/// way), how many may wait, and notices refused since start because it was full. <see cref="Full"/>
/// means new notices for this receiver are being refused.
/// </summary>
public sealed record ReceiverHealth(string Receiver, string Channel, int Waiting, int Capacity, long Refused)
{
    public bool Full => Waiting >= Capacity;
}
