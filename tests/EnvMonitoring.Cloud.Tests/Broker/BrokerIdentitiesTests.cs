using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Protocol.Security;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Tests.Broker;

public sealed class BrokerIdentitiesTests
{
    private static readonly string Hash = PasswordHash.Create("secret-1");

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
        var (identity, refusal) = Identities(Gateway()).Authenticate(null, null, "anyone");

        Assert.Null(identity);
        Assert.Equal(MqttConnectReasonCode.NotAuthorized, refusal?.Code);
        Assert.Equal(BrokerRole.Anonymous, IdentitiesWith(allowAnonymous: true).Authenticate(null, null, "anyone").Identity?.Role);
    }

    [Fact]
    public void A_gateway_must_use_its_own_client_id_and_nobody_else_may()
    {
        var identities = Identities(Gateway(), new() { Username = "st", PasswordHash = Hash, Park = "P", Station = "S-01" });

        Assert.Equal(BrokerRole.Gateway, identities.Authenticate("gw", "secret-1", "envmon-gw-g1").Identity?.Role);
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

    private static BrokerClientOptions Gateway() => new() { Username = "gw", PasswordHash = Hash, Park = "P", Gateway = "g1" };

    private static BrokerIdentities Identities(params BrokerClientOptions[] clients) => IdentitiesWith(allowAnonymous: false, clients);

    private static BrokerIdentities IdentitiesWith(bool allowAnonymous, params BrokerClientOptions[] clients) =>
        new(Options.Create(new BrokerOptions { Clients = [.. clients], AllowAnonymous = allowAnonymous }), Options.Create(new IngestionOptions()));
}
