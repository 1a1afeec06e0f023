using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using EnvMonitoring.Testing.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Broker;

/// <summary>
/// Issue #19: gateway credentials managed at run time. The cloud's embedded broker with its session
/// review, real MQTT clients, and the clock in the test's hand: gateways added, rotated, disabled and
/// moved take effect on the next connect, on the next publish, and (the review) on the open connection.
/// </summary>
public sealed class RuntimeGatewayCredentialsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Park = "RtParkA";
    private const string OtherPark = "RtParkB";
    private const string GatewayId = "rt-gw-01";
    private const string ClientId = $"envmon-gw-{GatewayId}";
    private const string Username = $"gw-{GatewayId}";
    private static readonly string FirstPassword = IssuedPassword.Create();
    private static readonly string SecondPassword = IssuedPassword.Create();
    private static readonly string FirstHash = PasswordHash.Create(FirstPassword);
    private static readonly string SecondHash = PasswordHash.Create(SecondPassword);
    private static readonly TestBrokerClient Station = TestBrokerClient.ForStation(Park, "RT-DIRECT-01");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly TestLog _log = new(output);
    private ILoggerFactory _loggers = null!;
    private EmbeddedBroker _broker = null!;
    private SessionReview _review = null!;
    private BrokerIdentities _identities = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _loggers = LoggerFactory.Create(b => b.AddProvider(_log.Provider));
        _port = FreePort.Next();
        var options = Options.Create(new BrokerOptions
        {
            Host = "127.0.0.1",
            Port = _port,
            Clients = [new() { Username = Station.Username, PasswordHash = Station.PasswordHash, Park = Park, Station = Station.Station }],
        });
        var ingestion = Options.Create(new IngestionOptions());
        _identities = new BrokerIdentities(options, ingestion, _time, _loggers.CreateLogger<BrokerIdentities>());
        // The test's clients stand in for everyone: the broker is told ingestion is subscribed.
        _broker = new EmbeddedBroker(options, ingestion, new IngestionStatus { BrokerConnected = true }, _identities, _time, _loggers.CreateLogger<EmbeddedBroker>());
        _review = new SessionReview(_broker, _time, _loggers.CreateLogger<SessionReview>());
        await _broker.StartAsync(CancellationToken.None);
        await _review.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _review.StopAsync(CancellationToken.None);
        await _broker.StopAsync(CancellationToken.None);
        _review.Dispose();
        _broker.Dispose();
        _loggers.Dispose();
        _log.Dispose();
    }

    [Fact]
    public async Task A_gateway_added_at_run_time_connects_and_publishes_only_its_own_parks_batches()
    {
        _log.ExpectEvent("ConnectRefused", "the gateway tries before it is added").ExpectEvent("PublishRefused", "the gateway tries another park's topic");
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await ConnectAsync(FirstPassword)).Code);

        _identities.Replace([Gateway(Park, FirstHash)]);

        using var gateway = await ConnectedAsync(FirstPassword);
        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, await BrokerClient.PublishAsync(gateway, Topics.GatewayBatch(Park, GatewayId), [1]));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await BrokerClient.PublishAsync(gateway, Topics.GatewayBatch(OtherPark, GatewayId), [1]));
    }

    [Fact]
    public async Task Rotation_lets_both_passwords_in_during_the_grace_period_and_only_the_new_one_after()
    {
        _log.ExpectEvent("ConnectRefused", "the old password is tried after its grace period");
        _identities.Replace([Gateway(Park, FirstHash)]);
        using var before = await ConnectedAsync(FirstPassword);

        var graceEnds = _time.GetUtcNow().AddMinutes(10);
        _identities.Replace([Gateway(Park, SecondHash, previousHash: FirstHash, previousValidUntil: graceEnds)]);
        await _broker.ReviewSessionsAsync(CancellationToken.None);
        Assert.True(before.IsConnected, "a session on the previous password stays during the grace period");
        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, await BrokerClient.PublishAsync(before, Topics.GatewayBatch(Park, GatewayId), [1]));
        before.Dispose();

        using (var renewed = await ConnectedAsync(SecondPassword))
        {
            await renewed.DisconnectAsync();
        }

        using var old = await ConnectedAsync(FirstPassword);

        // The grace period ends; the review, on its next round, closes the session on the old password.
        _time.Advance(TimeSpan.FromMinutes(10));
        await Eventually.UntilAsync(() => Task.FromResult(!old.IsConnected), TimeSpan.FromSeconds(10), "the session on the previous password is closed once its grace period is over");
        Assert.Contains(_log.Entries, e => e.Is("SessionRevoked") && e.Message.Contains("grace period is over", StringComparison.Ordinal));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await ConnectAsync(FirstPassword)).Code);
        using var after = await ConnectedAsync(SecondPassword);
        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, await BrokerClient.PublishAsync(after, Topics.GatewayBatch(Park, GatewayId), [1]));
    }

    [Fact]
    public async Task A_disabled_gateway_is_refused_and_its_open_session_is_closed()
    {
        _log.ExpectEvent("ConnectRefused", "the disabled gateway tries to connect").ExpectEvent("PublishRefused", "the disabled gateway publishes before the review closes it");
        _identities.Replace([Gateway(Park, FirstHash)]);
        using var gateway = await ConnectedAsync(FirstPassword);

        _identities.Replace([Gateway(Park, FirstHash, disabled: true)]);

        // At once, before the review: its publishes are refused.
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await BrokerClient.PublishAsync(gateway, Topics.GatewayBatch(Park, GatewayId), [1]));
        _time.Advance(SessionReview.Interval);
        await Eventually.UntilAsync(() => Task.FromResult(!gateway.IsConnected), TimeSpan.FromSeconds(10), "the disabled gateway's session is closed");
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, (await ConnectAsync(FirstPassword)).Code);
    }

    [Fact]
    public async Task A_gateway_moved_to_another_park_loses_the_old_parks_topics_and_its_stored_session()
    {
        _log.ExpectEvent("PublishRefused", "the moved gateway publishes on its old park");
        _identities.Replace([Gateway(Park, FirstHash)]);
        var (persistent, resumed) = await ConnectPersistentAsync(FirstPassword);
        using (persistent)
        {
            Assert.False(resumed);
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await BrokerClient.SubscribeAsync(persistent, Topics.GatewayAck(Park, GatewayId)));
            _identities.Replace([Gateway(OtherPark, FirstHash)]);

            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await BrokerClient.PublishAsync(persistent, Topics.GatewayBatch(Park, GatewayId), [1]));
            _time.Advance(SessionReview.Interval);
            await Eventually.UntilAsync(() => Task.FromResult(!persistent.IsConnected), TimeSpan.FromSeconds(10), "the moved gateway's session is closed");
        }

        // Its stored session (with the old park's subscription) is gone: nothing of park A comes back.
        var (moved, present) = await ConnectPersistentAsync(FirstPassword);
        using (moved)
        {
            Assert.False(present, "the stored session of the gateway's old park was deleted");
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await BrokerClient.PublishAsync(moved, Topics.GatewayBatch(Park, GatewayId), [1]));
            Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, await BrokerClient.PublishAsync(moved, Topics.GatewayBatch(OtherPark, GatewayId), [1]));
        }
    }

    [Fact]
    public async Task An_invalid_replacement_is_refused_whole_and_the_current_credentials_stay()
    {
        _log.ExpectEvent("ConnectRefused", "the would-be gateway tries to connect");
        _identities.Replace([Gateway(Park, FirstHash)]);

        var refused = Assert.Throws<InvalidOperationException>(() => _identities.Replace(
        [
            Gateway(Park, SecondHash),
            new GatewayDefinition { Park = Park, Gateway = "rt-gw-02", Username = Station.Username, PasswordHash = SecondHash },
            new GatewayDefinition { Park = Park, Gateway = "rt-gw-03", Username = "gw-rt-gw-03", PasswordHash = "a-password-not-a-hash" },
        ]));

        Assert.Contains($"Client '{Station.Username}' is listed twice", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'gw-rt-gw-03': PasswordHash is not a hash", refused.Message, StringComparison.Ordinal);
        using var current = await ConnectedAsync(FirstPassword);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await ConnectAsync(SecondPassword)).Code);
    }

    private static GatewayDefinition Gateway(string park, string hash, string? previousHash = null, DateTimeOffset? previousValidUntil = null, bool disabled = false) =>
        new()
        {
            Park = park,
            Gateway = GatewayId,
            Username = Username,
            PasswordHash = hash,
            PreviousPasswordHash = previousHash,
            PreviousValidUntil = previousValidUntil,
            Disabled = disabled,
        };

    private Task<(IMqttClient? Client, MqttClientConnectResultCode Code)> ConnectAsync(string password) =>
        BrokerClient.ConnectAsync(_port, ClientId, new TestBrokerClient(Username, Park, Gateway: GatewayId), password);

    private async Task<IMqttClient> ConnectedAsync(string password)
    {
        var (client, code) = await ConnectAsync(password);
        Assert.True(client is not null, $"the gateway could not connect: {code}");
        return client;
    }

    /// <summary>Connects as the gateway does (a session kept across connections); returns whether a stored session was resumed.</summary>
    private async Task<(IMqttClient Client, bool SessionPresent)> ConnectPersistentAsync(string password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var result = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port)
            .WithClientId(ClientId)
            .WithCredentials(Username, password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .Build(), timeout.Token);
        return (client, result.IsSessionPresent);
    }
}
