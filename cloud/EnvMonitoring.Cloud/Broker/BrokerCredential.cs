namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// One identity's credential as the broker checks it: the current hash and, for a gateway in a
/// rotation's grace period, the previous one with the end of its grace.
/// </summary>
internal sealed record BrokerCredential(
    BrokerIdentity Identity,
    string Hash,
    string? ClientId,
    string? PreviousHash = null,
    DateTimeOffset? PreviousValidUntil = null,
    bool Disabled = false)
{
    /// <summary>Whether <paramref name="hash"/> lets a session in at <paramref name="now"/>.</summary>
    public bool Accepts(string hash, DateTimeOffset now) =>
        hash == Hash || (hash == PreviousHash && now < PreviousValidUntil);

    /// <summary>The identity only: a hash is never logged.</summary>
    public override string ToString() => Identity.ToString();
}
