using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Protocol.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Tests.Broker;

public sealed class BrokerIdentitiesTests
{
    private static readonly string Hash = PasswordHash.Create("secret-1");
    private static readonly string SecondHash = PasswordHash.Create("secret-2");

    [Fact]
    public void Start_up_names_every_bad_identity()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Identities(
            new() { Username = "plain", PasswordHash = "secret-1", Park = "P", Gateway = "g1" },
            new() { Username = "both", PasswordHash = Hash, Park = "P", Gateway = "g2", Station = "S-01" },
            new() { Username = "bad-park", PasswordHash = Hash, Park = "no such/park", Station = "S-02" },
            new() { Username = "twice", PasswordHash = Hash, Park = "P", Station = "S-03" },
            new() { Username = "twice", PasswordHash = Hash, Park = "P", Station = "S-04" },
            new() { Username = "gw-again", PasswordHash = Hash, Park = "P", Gateway = "g1" }));

        Assert.Contains("'plain': PasswordHash is not a hash", error.Message, StringComparison.Ordinal);
        Assert.Contains("'both': set exactly one of Gateway, Station or Ingestion", error.Message, StringComparison.Ordinal);
        Assert.Contains("'bad-park': Park 'no such/park' is not a park identifier", error.Message, StringComparison.Ordinal);
        Assert.Contains("Client 'twice' is listed twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway P/g1 has more than one client", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Anonymous_is_refused_unless_the_test_switch_is_set()
    {
        var (grant, refusal) = Identities(Gateway()).Authenticate(null, null, "anyone");

        Assert.Null(grant);
        Assert.Equal(MqttConnectReasonCode.NotAuthorized, refusal?.Code);
        Assert.Equal(BrokerRole.Anonymous, IdentitiesWith(allowAnonymous: true).Authenticate(null, null, "anyone").Grant?.Identity.Role);
    }

    [Fact]
    public void A_gateway_must_use_its_own_client_id_and_nobody_else_may()
    {
        var identities = Identities(Gateway(), new() { Username = "st", PasswordHash = Hash, Park = "P", Station = "S-01" });

        Assert.Equal(BrokerRole.Gateway, identities.Authenticate("gw", "secret-1", "envmon-gw-g1").Grant?.Identity.Role);
        Assert.Equal(MqttConnectReasonCode.ClientIdentifierNotValid, identities.Authenticate("gw", "secret-1", "other").Refusal?.Code);
        Assert.Equal(MqttConnectReasonCode.ClientIdentifierNotValid, identities.Authenticate("st", "secret-1", "envmon-gw-g1").Refusal?.Code);
        Assert.Equal(MqttConnectReasonCode.BadUserNameOrPassword, identities.Authenticate("gw", "wrong", "envmon-gw-g1").Refusal?.Code);
        Assert.Equal(MqttConnectReasonCode.BadUserNameOrPassword, identities.Authenticate("nobody", "secret-1", "x").Refusal?.Code);
    }

    [Fact]
    public void A_free_client_id_belongs_to_the_first_identity_that_uses_it()
    {
        var identities = Identities(
            new() { Username = "st1", PasswordHash = Hash, Park = "P", Station = "S-01" },
            new() { Username = "st2", PasswordHash = Hash, Park = "P", Station = "S-02" });

        Assert.Null(identities.Authenticate("st1", "secret-1", "node-1").Refusal);
        Assert.Null(identities.Authenticate("st1", "secret-1", "node-1").Refusal);
        Assert.Equal(MqttConnectReasonCode.ClientIdentifierNotValid, identities.Authenticate("st2", "secret-1", "node-1").Refusal?.Code);
    }

    [Fact]
    public void The_first_replacement_takes_the_place_of_the_settings_gateways_and_keeps_the_other_identities()
    {
        var identities = Identities(Gateway(), Station());

        identities.Replace([Defined("g2", "gw2", Hash)]);

        Assert.Equal(MqttConnectReasonCode.BadUserNameOrPassword, identities.Authenticate("gw", "secret-1", "envmon-gw-g1").Refusal?.Code);
        Assert.Equal(BrokerRole.Gateway, identities.Authenticate("gw2", "secret-1", "envmon-gw-g2").Grant?.Identity.Role);
        Assert.Equal(BrokerRole.Station, identities.Authenticate("st", "secret-1", "node-1").Grant?.Identity.Role);
    }

    [Fact]
    public void The_previous_password_works_until_its_grace_period_ends_and_its_session_is_revoked_then()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var identities = IdentitiesWith(allowAnonymous: false, time);
        identities.Replace([Defined("g1", "gw", Hash)]);
        var before = identities.Authenticate("gw", "secret-1", "envmon-gw-g1").Grant!;

        identities.Replace([Defined("g1", "gw", SecondHash, previous: Hash, until: time.GetUtcNow().AddMinutes(5))]);
        var renewed = identities.Authenticate("gw", "secret-2", "envmon-gw-g1").Grant!;
        Assert.NotNull(identities.Authenticate("gw", "secret-1", "envmon-gw-g1").Grant);
        Assert.Null(identities.Revoked(before, "envmon-gw-g1"));

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(MqttConnectReasonCode.BadUserNameOrPassword, identities.Authenticate("gw", "secret-1", "envmon-gw-g1").Refusal?.Code);
        Assert.False(identities.Revoked(before, "envmon-gw-g1")?.Forget);
        Assert.Null(identities.Revoked(renewed, "envmon-gw-g1"));
    }

    [Fact]
    public void A_removed_gateways_client_id_is_released_and_its_session_forgotten()
    {
        var identities = Identities(Station());
        identities.Replace([Defined("g1", "gw", Hash)]);
        var grant = identities.Authenticate("gw", "secret-1", "envmon-gw-g1").Grant!;
        Assert.Equal(MqttConnectReasonCode.ClientIdentifierNotValid, identities.Authenticate("st", "secret-1", "envmon-gw-g1").Refusal?.Code);

        identities.Replace([]);

        Assert.True(identities.Revoked(grant, "envmon-gw-g1")?.Forget);
        Assert.Null(identities.Authenticate("st", "secret-1", "envmon-gw-g1").Refusal);
    }

    [Fact]
    public void A_disabled_gateway_is_refused_even_with_its_password_and_its_session_revoked()
    {
        var identities = Identities();
        identities.Replace([Defined("g1", "gw", Hash)]);
        var grant = identities.Authenticate("gw", "secret-1", "envmon-gw-g1").Grant!;

        var disabled = Defined("g1", "gw", Hash);
        disabled.Disabled = true;
        identities.Replace([disabled]);

        Assert.Equal(MqttConnectReasonCode.NotAuthorized, identities.Authenticate("gw", "secret-1", "envmon-gw-g1").Refusal?.Code);
        Assert.False(identities.Revoked(grant, "envmon-gw-g1")?.Forget);
    }

    [Fact]
    public void A_replacement_names_every_problem_and_keeps_the_current_set()
    {
        var identities = Identities(Station());
        identities.Replace([Defined("g1", "gw", Hash)]);

        var error = Assert.Throws<InvalidOperationException>(() => identities.Replace(
        [
            Defined("g1", "gw", "plain-password"),
            Defined("g2", "st", Hash),
            Defined("g3", "bad name", Hash),
            Defined("g4", "gw4", Hash, previous: Hash, until: null),
            Defined("g1", "gw5", Hash),
        ]));

        Assert.Contains("'gw': PasswordHash is not a hash", error.Message, StringComparison.Ordinal);
        Assert.Contains("Client 'st' is listed twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("'bad name': The field Username must match", error.Message, StringComparison.Ordinal);
        Assert.Contains("'g4': PreviousPasswordHash needs PreviousValidUntil", error.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway P/g1 has more than one client", error.Message, StringComparison.Ordinal);
        Assert.Contains("Client id 'envmon-gw-g1' is reserved by more than one client (gw, gw5)", error.Message, StringComparison.Ordinal);
        Assert.Equal(BrokerRole.Gateway, identities.Authenticate("gw", "secret-1", "envmon-gw-g1").Grant?.Identity.Role);
    }

    private static GatewayDefinition Defined(string gateway, string username, string hash, string? previous = null, DateTimeOffset? until = null) =>
        new() { Park = "P", Gateway = gateway, Username = username, PasswordHash = hash, PreviousPasswordHash = previous, PreviousValidUntil = until };

    private static BrokerClientOptions Station() => new() { Username = "st", PasswordHash = Hash, Park = "P", Station = "S-01" };

    private static BrokerClientOptions Gateway() => new() { Username = "gw", PasswordHash = Hash, Park = "P", Gateway = "g1" };

    private static BrokerIdentities Identities(params BrokerClientOptions[] clients) => IdentitiesWith(allowAnonymous: false, clients);

    private static BrokerIdentities IdentitiesWith(bool allowAnonymous, params BrokerClientOptions[] clients) =>
        IdentitiesWith(allowAnonymous, TimeProvider.System, clients);

    private static BrokerIdentities IdentitiesWith(bool allowAnonymous, TimeProvider time, params BrokerClientOptions[] clients) =>
        new(Options.Create(new BrokerOptions { Clients = [.. clients], AllowAnonymous = allowAnonymous }), Options.Create(new IngestionOptions()), time, NullLogger<BrokerIdentities>.Instance);
}
