using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Protocol.Security;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// Who may connect to the cloud broker, and which client id each may use: the identities of
/// <c>Broker:Clients</c>, checked at start, with the gateways replaced at run time from the
/// configuration store (<see cref="Replace"/>).
/// </summary>
/// <remarks>
/// A client id belongs to its identity. Reserved ids (a gateway's <c>envmon-gw-{Gateway}</c> or
/// configured <see cref="BrokerClientOptions.ClientId"/>, ingestion's <c>Ingestion:ClientId</c>) may be
/// used only by their identity, and that identity must use its own. Any other id is claimed by the
/// first identity that connects with it and stays its own while the broker runs (sessions live as long).
/// So nobody can take over, or inherit the persistent session and queued acks of, another's client id.
/// A replacement keeps a gateway's reserved id with its username, releases a removed gateway's, and
/// hands an id to a new gateway even when someone had claimed it; <see cref="Revoked"/> tells the
/// broker which sessions that leaves without a valid owner.
/// </remarks>
internal sealed class BrokerIdentities : IGatewayCredentials
{
    private readonly IngestionOptions _ingestion;
    private readonly TimeProvider _time;
    private readonly ILogger<BrokerIdentities> _logger;

    /// <summary>The station and ingestion identities of the settings: they stay as they are.</summary>
    private readonly List<BrokerClientOptions> _fixed;
    private readonly Lock _replacing = new();
    private readonly ConcurrentDictionary<string, string> _clientIdOwners = new(StringComparer.Ordinal);
    private volatile FrozenDictionary<string, BrokerCredential> _byUsername;

    public BrokerIdentities(IOptions<BrokerOptions> options, IOptions<IngestionOptions> ingestion, TimeProvider time, ILogger<BrokerIdentities> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ingestion);
        _ingestion = ingestion.Value;
        _time = time;
        _logger = logger;
        AllowAnonymous = options.Value.AllowAnonymous;
        var clients = options.Value.Clients;
        var errors = Problems(clients);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(BrokerOptions.Section, typeof(BrokerOptions), errors);
        }

        _fixed = [.. clients.Where(c => c.Gateway is null)];
        _byUsername = clients.ToFrozenDictionary(c => c.Username, CredentialOf, StringComparer.Ordinal);
        foreach (var credential in _byUsername.Values.Where(c => c.ClientId is not null))
        {
            _clientIdOwners[credential.ClientId!] = credential.Identity.Username;
        }
    }

    public bool AllowAnonymous { get; }

    /// <summary>
    /// Who connects with these credentials and this client id (with the hash the password matched), or
    /// the refusal. An unknown username is checked against a dummy hash, so it costs what a known one does.
    /// </summary>
    public (SessionGrant? Grant, Refusal<MqttConnectReasonCode>? Refusal) Authenticate(string? username, string? password, string clientId)
    {
        if (string.IsNullOrEmpty(username))
        {
            return AllowAnonymous
                ? (new SessionGrant(BrokerIdentity.Anonymous, ""), null)
                : (null, new(MqttConnectReasonCode.NotAuthorized, "anonymous clients are refused: connect with this client's username and password"));
        }

        var known = _byUsername.TryGetValue(username, out var entry);
        var matched = PasswordHash.VerifyOrDummy(password, known ? entry!.Hash : null) ? entry!.Hash
            : known && entry!.PreviousHash is { } previous && entry.Accepts(previous, _time.GetUtcNow()) && PasswordHash.Verify(password, previous) ? previous
            : null;
        if (matched is null)
        {
            return (null, new(MqttConnectReasonCode.BadUserNameOrPassword, "bad or unknown credentials"));
        }

        if (entry!.Disabled)
        {
            return (null, new(MqttConnectReasonCode.NotAuthorized, $"{entry.Identity} is disabled"));
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

        return (new SessionGrant(entry.Identity, matched), null);
    }

    /// <summary>
    /// Null while the session of <paramref name="clientId"/> let in with <paramref name="grant"/> may
    /// go on; else why not: its identity was removed, changed or disabled, its client id is now
    /// someone else's, or the password it connected with was replaced and the grace period is over.
    /// </summary>
    public Revocation? Revoked(SessionGrant grant, string clientId)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Identity.Role == BrokerRole.Anonymous)
        {
            return null;
        }

        if (!_byUsername.TryGetValue(grant.Identity.Username, out var entry))
        {
            return new($"{grant.Identity} was removed", Forget: true);
        }

        if (entry.Identity != grant.Identity)
        {
            return new($"{grant.Identity} is now {entry.Identity}", Forget: true);
        }

        if (_clientIdOwners.TryGetValue(clientId, out var owner) && owner != grant.Identity.Username)
        {
            return new($"client id {clientId} now belongs to another identity", Forget: true);
        }

        if (entry.Disabled)
        {
            return new($"{entry.Identity} is disabled", Forget: false);
        }

        return entry.Accepts(grant.PasswordHash, _time.GetUtcNow())
            ? null
            : new($"the password {entry.Identity} connected with was replaced and its grace period is over", Forget: false);
    }

    /// <inheritdoc />
    public void Replace(IReadOnlyList<GatewayDefinition> gateways)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        var clients = _fixed.Concat(gateways.Select(OptionsOf)).ToList();
        var errors = Problems(clients);
        errors.AddRange(gateways.Where(g => g.PreviousPasswordHash is { } previous && !PasswordHash.IsWellFormed(previous))
            .Select(g => $"Gateway '{g.Gateway}': PreviousPasswordHash is not a hash from `EnvMonitoring.Cloud hash-password`."));
        errors.AddRange(gateways.Where(g => g.PreviousPasswordHash is not null && g.PreviousValidUntil is null)
            .Select(g => $"Gateway '{g.Gateway}': PreviousPasswordHash needs PreviousValidUntil (the end of the rotation's grace period)."));
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The gateway credentials were not taken (the current ones stay): {string.Join(" ", errors)}");
        }

        var byGateway = gateways.ToDictionary(g => g.Username, StringComparer.Ordinal);
        var next = clients.ToFrozenDictionary(
            c => c.Username,
            c => byGateway.TryGetValue(c.Username, out var g)
                ? CredentialOf(c) with { PreviousHash = g.PreviousPasswordHash, PreviousValidUntil = g.PreviousValidUntil, Disabled = g.Disabled }
                : CredentialOf(c),
            StringComparer.Ordinal);
        lock (_replacing)
        {
            var before = _byUsername;
            foreach (var credential in next.Values.Where(c => c.ClientId is not null))
            {
                _clientIdOwners[credential.ClientId!] = credential.Identity.Username;
            }

            _byUsername = next;
            foreach (var released in before.Values.Where(c => c.ClientId is not null && !next.ContainsKey(c.Identity.Username)))
            {
                // Removed only while still its own: a new gateway may have been given the id just above.
                _clientIdOwners.TryRemove(KeyValuePair.Create(released.ClientId!, released.Identity.Username));
            }

            BrokerLog.GatewaysReplaced(_logger, gateways.Count, gateways.Count(g => g.Disabled), gateways.Count(g => g.PreviousPasswordHash is not null));
        }
    }

    private static BrokerClientOptions OptionsOf(GatewayDefinition gateway) =>
        new() { Username = gateway.Username, PasswordHash = gateway.PasswordHash, Park = gateway.Park, Gateway = gateway.Gateway };

    private BrokerCredential CredentialOf(BrokerClientOptions c) => new(IdentityOf(c), c.PasswordHash, ReservedClientId(c));

    private string? ReservedClientId(BrokerClientOptions client) =>
        client.ClientId ?? (client.Ingestion ? _ingestion.ClientId : client.Gateway is { } gateway ? $"envmon-gw-{gateway}" : null);

    private static BrokerIdentity IdentityOf(BrokerClientOptions c) =>
        c.Ingestion ? new(BrokerRole.Ingestion, c.Username)
        : c.Gateway is not null ? new(BrokerRole.Gateway, c.Username, c.Park, c.Gateway)
        : new(BrokerRole.Station, c.Username, c.Park, Station: c.Station);

    /// <summary>Every problem of a whole set of identities: each one's, then those between them.</summary>
    private List<string> Problems(IReadOnlyList<BrokerClientOptions> clients)
    {
        var errors = clients.SelectMany(Problems).ToList();
        errors.AddRange(clients.GroupBy(c => c.Username, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Client '{g.Key}' is listed twice."));
        errors.AddRange(clients.Where(c => c.Gateway is not null).GroupBy(c => (c.Park, c.Gateway)).Where(g => g.Count() > 1)
            .Select(g => $"Gateway {g.Key.Park}/{g.Key.Gateway} has more than one client (one credential per gateway)."));
        var reserved = clients.Select(c => (c.Username, ClientId: ReservedClientId(c))).Where(r => r.ClientId is not null).ToList();
        errors.AddRange(reserved.GroupBy(r => r.ClientId, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Client id '{g.Key}' is reserved by more than one client ({string.Join(", ", g.Select(r => r.Username))})."));
        if (!_ingestion.InProcess && !AllowAnonymous && !clients.Any(c => c.Ingestion && c.Username == _ingestion.Username))
        {
            errors.Add("Ingestion subscribes over MQTT (Ingestion:InProcess false) but has no identity: add a Broker:Clients entry with Ingestion true and the Username of Ingestion:Username.");
        }

        return errors;
    }

    private static IEnumerable<string> Problems(BrokerClientOptions c)
    {
        // The settings' attributes (username shape) hold for gateways from the store too.
        var invalid = new List<ValidationResult>();
        if (!Validator.TryValidateObject(c, new ValidationContext(c), invalid, validateAllProperties: true))
        {
            foreach (var result in invalid)
            {
                yield return $"Client '{c.Username}': {result.ErrorMessage}";
            }
        }

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
