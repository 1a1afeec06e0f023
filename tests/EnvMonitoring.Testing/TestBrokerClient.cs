using System.Collections.Concurrent;

namespace EnvMonitoring.Testing;

/// <summary>
/// An identity on the cloud broker for hosts under test (<c>Broker:Clients</c>): a gateway, a
/// direct station or ingestion, with a password derived from its name and a hash made once per run.
/// </summary>
public sealed record TestBrokerClient(string Username, string? Park = null, string? Gateway = null, string? Station = null, bool Ingestion = false)
{
    private static readonly ConcurrentDictionary<string, string> Hashes = new(StringComparer.Ordinal);

    public string Password => $"{Username}-mqtt-secret";

    public string PasswordHash => Hashes.GetOrAdd(Password, Protocol.Security.PasswordHash.Create);

    /// <summary>The client id reserved for a gateway (the one its forwarder uses), else null.</summary>
    public string? ClientId => Gateway is null ? null : $"envmon-gw-{Gateway}";

    public static TestBrokerClient ForGateway(string park, string gateway) => new($"gw-{gateway}", park, Gateway: gateway);

    public static TestBrokerClient ForStation(string park, string station) => new($"st-{station}", park, Station: station);

    public static TestBrokerClient ForIngestion { get; } = new("ingestion", Ingestion: true);

    /// <summary>
    /// Configuration entries for <paramref name="clients"/> (<c>Broker:Clients:N:…</c>), or the
    /// test-only <c>Broker:AllowAnonymous</c> when null; <paramref name="separator"/> is ":" for
    /// settings, "__" for environment variables.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings(IReadOnlyList<TestBrokerClient>? clients, string separator = ":")
    {
        if (clients is null)
        {
            yield return new($"Broker{separator}AllowAnonymous", "true");
            yield break;
        }

        for (var i = 0; i < clients.Count; i++)
        {
            var client = clients[i];
            var prefix = $"Broker{separator}Clients{separator}{i}{separator}";
            yield return new(prefix + "Username", client.Username);
            yield return new(prefix + "PasswordHash", client.PasswordHash);
            if (client.Park is not null)
            {
                yield return new(prefix + "Park", client.Park);
            }

            if (client.Gateway is not null)
            {
                yield return new(prefix + "Gateway", client.Gateway);
            }

            if (client.Station is not null)
            {
                yield return new(prefix + "Station", client.Station);
            }

            if (client.Ingestion)
            {
                // Ingestion's side of the same identity, for when it subscribes over MQTT.
                yield return new(prefix + "Ingestion", "true");
                yield return new($"Ingestion{separator}Username", client.Username);
                yield return new($"Ingestion{separator}Password", client.Password);
            }
        }
    }
}
