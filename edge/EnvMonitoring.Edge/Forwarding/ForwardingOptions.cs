using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Edge.Forwarding;

/// <summary>How the gateway forwards its log to the cloud (section <c>Gateway:Forwarding</c>).</summary>
public sealed class ForwardingOptions
{
    /// <summary>Samples per upstream batch at most.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSamples { get; set; } = 500;

    /// <summary>Longest a live sample waits for its batch to fill.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Live batches sent and not yet acknowledged by the cloud, at most.</summary>
    [Range(1, 1000)]
    public int Window { get; set; } = 16;

    /// <summary>Backlog (replay) batches outstanding at most; live data keeps its own window.</summary>
    [Range(1, 1000)]
    public int ReplayWindow { get; set; } = 4;

    /// <summary>Replay pace after an outage, so history catching up does not crowd out live data.</summary>
    [Range(1, 10_000_000)]
    public int ReplaySamplesPerSecond { get; set; } = 5_000;

    /// <summary>A batch the cloud has not acknowledged in this time is sent again, with everything after it.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the gateway's retained status (backlog, oldest unsent time) is refreshed.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(10);
}
