namespace EnvMonitoring.Node.Publishing;

/// <summary>Whether a station's node can reach its gateway (the simulator scripts outages).</summary>
internal enum LinkState
{
    Online,

    /// <summary>The network is down: readings are taken and kept in the outbox until it returns.</summary>
    LinkDown,

    /// <summary>The node is off: no readings, no publishing.</summary>
    PoweredOff,
}
