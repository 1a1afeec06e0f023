namespace EnvMonitoring.Cloud.Broker;

/// <summary>Who a connected client is, as far as the broker's ACL (<see cref="TopicAcl"/>) is concerned.</summary>
internal sealed record BrokerIdentity(BrokerRole Role, string Username, string? Park = null, string? Gateway = null, string? Station = null)
{
    /// <summary>A client without credentials, only with the test-only <c>Broker:AllowAnonymous</c>.</summary>
    public static readonly BrokerIdentity Anonymous = new(BrokerRole.Anonymous, "(anonymous)");

    /// <summary>The cloud itself: messages it injects into the broker (gateway acks).</summary>
    public static readonly BrokerIdentity Cloud = new(BrokerRole.Cloud, "(cloud)");

    /// <summary>A publish or subscription with no authenticated session behind it: refused everything.</summary>
    public static readonly BrokerIdentity Nobody = new(BrokerRole.Nobody, "(unauthenticated)");

    public override string ToString() => Role switch
    {
        BrokerRole.Gateway => $"gateway {Park}/{Gateway} (user {Username})",
        BrokerRole.Station => $"station {Park}/{Station} (user {Username})",
        _ => $"{Role.ToString().ToLowerInvariant()} {Username}",
    };
}

internal enum BrokerRole
{
    Gateway,
    Station,
    Ingestion,
    Cloud,
    Anonymous,
    Nobody,
}
