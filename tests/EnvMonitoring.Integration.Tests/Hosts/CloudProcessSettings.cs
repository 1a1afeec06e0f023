using System.Globalization;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// How a <see cref="CloudProcess"/> is configured, as the environment variables the real host
/// reads (<c>Section__Key</c>, docs/running.md). Kept as is across restarts, so a restarted
/// process resumes the same MQTT session (same client id) and quarantine.
/// </summary>
public sealed record CloudProcessSettings
{
    /// <summary>The InfluxDB the host stores in, as its least-privilege user (<see cref="InfluxServer.CloudSettings"/>).</summary>
    public required InfluxServer Influx { get; init; }

    /// <summary>The test's own database.</summary>
    public required string Database { get; init; }

    /// <summary>True: the host embeds its MQTTnet broker on <see cref="BrokerPort"/>; false: it connects to one there.</summary>
    public bool EmbeddedBroker { get; init; } = true;

    public required int BrokerPort { get; init; }

    public string ClientId { get; init; } = $"ingestion-{Guid.NewGuid():N}";

    public string? SharedSubscriptionGroup { get; init; }

    /// <summary>
    /// The embedded broker's identities (authentication and ACL on, as shipped); null allows
    /// anonymous clients (test-only <c>Broker:AllowAnonymous</c>) for tests that publish as arbitrary stations.
    /// </summary>
    public IReadOnlyList<TestBrokerClient>? Clients { get; init; }

    /// <summary>
    /// HTTPS, as <c>./envmon run</c> serves it: the host listens on https:// with the server
    /// certificate of these certificates; null serves plain HTTP (the <c>--plaintext</c> mode).
    /// </summary>
    public TestCertificates? Tls { get; init; }

    /// <summary>With <see cref="Tls"/>: a plain HTTP listener on this port as well, which redirects to HTTPS.</summary>
    public int? PlainHttpPort { get; init; }

    /// <summary>Further settings, e.g. <c>["Ingestion__ReceiveMaximum"] = "100"</c>.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    internal IEnumerable<string> Environment(int httpPort, string quarantineDirectory)
    {
        if (Tls is null)
        {
            yield return $"Urls=http://127.0.0.1:{Text(httpPort)}";
        }
        else
        {
            yield return $"Urls=https://127.0.0.1:{Text(httpPort)}" + (PlainHttpPort is { } plain ? $";http://127.0.0.1:{Text(plain)}" : "");
            yield return $"Https__CertificatePath={Tls.ServerCertificatePath}";
            yield return $"Https__KeyPath={Tls.ServerKeyPath}";
        }

        yield return $"Broker__Embedded={(EmbeddedBroker ? "true" : "false")}";
        yield return "Broker__Host=127.0.0.1";
        yield return $"Broker__Port={Text(BrokerPort)}";
        // Passwords go to the child process in its environment, never on its command line.
        foreach (var (key, value) in Influx.CloudSettings(Database, "__"))
        {
            yield return $"{key}={value}";
        }

        yield return $"Ingestion__ClientId={ClientId}";
        if (SharedSubscriptionGroup is not null)
        {
            yield return $"Ingestion__SharedSubscriptionGroup={SharedSubscriptionGroup}";
        }

        yield return $"Quarantine__Directory={quarantineDirectory}";
        // The host's own data folder: kept across restarts of the process, like the quarantine.
        yield return $"Security__SessionsFile={Path.Combine(quarantineDirectory, "sessions.json")}";
        yield return $"Security__KeysDirectory={Path.Combine(quarantineDirectory, "keys")}";
        yield return $"Config__Path={Path.Combine(quarantineDirectory, "config.db")}";
        yield return $"Seals__KeyDirectory={Path.Combine(quarantineDirectory, "seal-keys")}";
        yield return $"Export__Directory={Path.Combine(quarantineDirectory, "exports")}";
        yield return $"Notifications__OutboxDirectory={Path.Combine(quarantineDirectory, "outbox")}";
        yield return $"Relay__StateDirectory={Path.Combine(quarantineDirectory, "relay")}";
        // One line per log entry, so errors are found by their "fail:" / "crit:" prefix.
        yield return "Logging__Console__FormatterName=simple";
        yield return "Logging__Console__FormatterOptions__SingleLine=true";
        foreach (var (key, value) in TestUsers.Settings("__").Concat(TestBrokerClient.Settings(Clients, "__")))
        {
            yield return $"{key}={value}";
        }

        foreach (var (key, value) in Extra)
        {
            yield return $"{key}={value}";
        }
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
