namespace EnvMonitoring.Testing;

/// <summary>How <see cref="MosquittoServer"/> configures its private broker.</summary>
public sealed record MosquittoOptions
{
    /// <summary>
    /// Whether the broker saves retained messages, sessions and queued QoS 1/2 messages to a file
    /// in its temp directory, so they survive <see cref="MosquittoServer.RestartAsync"/>. Mosquitto
    /// writes the file on a graceful stop and every <see cref="AutosaveInterval"/>; a
    /// <see cref="MosquittoServer.KillAsync"/> loses what was not saved yet. Default false.
    /// </summary>
    public bool Persistence { get; init; }

    /// <summary>How often a persistent broker saves its state; mosquitto's own default is 30 min.</summary>
    public TimeSpan AutosaveInterval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// QoS 1/2 messages queued per client beyond those in flight. 0 means no limit in mosquitto
    /// 2.0 (its own default is 1000), so by default no queued QoS 1 message is ever dropped.
    /// </summary>
    public int MaxQueuedMessages { get; init; }

    /// <summary>QoS 1/2 messages in flight per client; 0 means no limit, 20 is mosquitto's default.</summary>
    public int MaxInflightMessages { get; init; } = 20;

    /// <summary>Extra mosquitto.conf lines appended verbatim, for what the options above do not cover.</summary>
    public IReadOnlyList<string> ExtraConfigLines { get; init; } = [];
}
