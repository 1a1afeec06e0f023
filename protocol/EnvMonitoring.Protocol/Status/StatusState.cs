namespace EnvMonitoring.Protocol.Status;

/// <summary>The <c>state</c> of a node's or a gateway's retained status (docs/contract.md, "Topics").</summary>
public static class StatusState
{
    /// <summary>Connected and sending.</summary>
    public const string Online = "online";

    /// <summary>Signed off, or gone without a word: the broker published the last will.</summary>
    public const string Offline = "offline";
}
