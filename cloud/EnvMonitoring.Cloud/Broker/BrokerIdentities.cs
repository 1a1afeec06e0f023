using System.Collections.Concurrent;
using System.Collections.Frozen;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Protocol.Security;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// The identities of <c>Broker:Clients</c>, checked at start: who may connect to the cloud broker,
/// and which client id each may use.
/// </summary>
/// <remarks>
/// A client id belongs to its identity. Reserved ids (a gateway's <c>envmon-gw-{Gateway}</c> or
/// configured <see cref="BrokerClientOptions.ClientId"/>, ingestion's <c>Ingestion:ClientId</c>) may be
/// used only by their identity, and that identity must use its own. Any other id is claimed by the
/// first identity that connects with it and stays its own while the broker runs (sessions live as long).
/// So nobody can take over, or inherit the persistent session and queued acks of, another's client id.
/// </remarks>
internal sealed class BrokerIdentities
{
    private readonly FrozenDictionary<string, (BrokerIdentity Identity, string Hash, string? ClientId)> _byUsername;
    private readonly ConcurrentDictionary<string, string> _clientIdOwners = new(StringComparer.Ordinal);

    public BrokerIdentities(IOptions<BrokerOptions> options, IOptions<IngestionOptions> ingestion)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ingestion);
        AllowAnonymous = options.Value.AllowAnonymous;
        var clients = options.Value.Clients;
        var errors = clients.SelectMany(Problems).ToList();
        errors.AddRange(clients.GroupBy(c => c.Username, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Client '{g.Key}' is listed twice."));
        errors.AddRange(clients.Where(c => c.Gateway is not null).GroupBy(c => (c.Park, c.Gateway)).Where(g => g.Count() > 1)
            .Select(g => $"Gateway {g.Key.Park}/{g.Key.Gateway} has more than one client (one credential per gateway)."));
        var reserved = clients.Select(c => (c.Username, ClientId: ReservedClientId(c, ingestion.Value))).Where(r => r.ClientId is not null).ToList();
        errors.AddRange(reserved.GroupBy(r => r.ClientId, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Client id '{g.Key}' is reserved by more than one client ({string.Join(", ", g.Select(r => r.Username))})."));
        if (!ingestion.Value.InProcess && !AllowAnonymous && !clients.Any(c => c.Ingestion && c.Username == ingestion.Value.Username))
        {
            errors.Add("Ingestion subscribes over MQTT (Ingestion:InProcess false) but has no identity: add a Broker:Clients entry with Ingestion true and the Username of Ingestion:Username.");
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(BrokerOptions.Section, typeof(BrokerOptions), errors);
        }

        _byUsername = clients.ToFrozenDictionary(c => c.Username, c => (IdentityOf(c), c.PasswordHash, ReservedClientId(c, ingestion.Value)), StringComparer.Ordinal);
        foreach (var (username, clientId) in reserved)
        {
            _clientIdOwners[clientId!] = username;
        }
    }

    public bool AllowAnonymous { get; }

    /// <summary>
    /// Who connects with these credentials and this client id, or the refusal. An unknown username
    /// is checked against a dummy hash, so it costs what a known one does.
    /// </summary>
    public (BrokerIdentity? Identity, Refusal<MqttConnectReasonCode>? Refusal) Authenticate(string? username, string? password, string clientId)
    {
        if (string.IsNullOrEmpty(username))
        {
            return AllowAnonymous
                ? (BrokerIdentity.Anonymous, null)
                : (null, new(MqttConnectReasonCode.NotAuthorized, "anonymous clients are refused: connect with this client's username and password"));
        }

        var known = _byUsername.TryGetValue(username, out var entry);
        if (!PasswordHash.VerifyOrDummy(password, known ? entry.Hash : null))
        {
            return (null, new(MqttConnectReasonCode.BadUserNameOrPassword, "bad or unknown credentials"));
        }

        if (entry.ClientId is { } own && clientId != own)
        {
            return (null, new(MqttConnectReasonCode.ClientIdentifierNotValid, $"{entry.Identity} must connect with client id {own}"));
        }

        var owner = _clientIdOwners.GetOrAdd(clientId, username);
        if (owner != username)
        {
            return (null, new(MqttConnectReasonCode.ClientIdentifierNotValid, $"client id {clientId} belongs to another identity"));
        }

        return (entry.Identity, null);
    }

    private static string? ReservedClientId(BrokerClientOptions client, IngestionOptions ingestion) =>
        client.ClientId ?? (client.Ingestion ? ingestion.ClientId : client.Gateway is { } gateway ? $"envmon-gw-{gateway}" : null);

    private static BrokerIdentity IdentityOf(BrokerClientOptions c) =>
        c.Ingestion ? new(BrokerRole.Ingestion, c.Username)
        : c.Gateway is not null ? new(BrokerRole.Gateway, c.Username, c.Park, c.Gateway)
        : new(BrokerRole.Station, c.Username, c.Park, Station: c.Station);

    private static IEnumerable<string> Problems(BrokerClientOptions c)
    {
        if (!PasswordHash.IsWellFormed(c.PasswordHash))
        {
            yield return $"Client '{c.Username}': PasswordHash is not a hash from `EnvMonitoring.Cloud hash-password` (never put the password itself here).";
        }

        var kinds = (c.Gateway is null ? 0 : 1) + (c.Station is null ? 0 : 1) + (c.Ingestion ? 1 : 0);
        if (kinds != 1)
        {
            yield return $"Client '{c.Username}': set exactly one of Gateway, Station or Ingestion.";
            yield break;
        }

        if (!c.Ingestion && !Identifier.IsValid(c.Park))
        {
            yield return $"Client '{c.Username}': Park '{c.Park}' is not a park identifier.";
        }

        if (c.Ingestion && c.Park is not null)
        {
            yield return $"Client '{c.Username}': ingestion serves every park; remove Park.";
        }

        if (c.Gateway is { } gateway && !Identifier.IsValid(gateway))
        {
            yield return $"Client '{c.Username}': '{gateway}' is not a gateway identifier.";
        }

        if (c.Station is { } station && !Identifier.IsValid(station))
        {
            yield return $"Client '{c.Username}': '{station}' is not a station identifier.";
        }
    }
}
