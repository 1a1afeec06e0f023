using System.Net;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Protocol.Security;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>The embedded MQTTnet broker that gateways and directly wired stations publish to.</summary>
/// <remarks>
/// By default ingestion runs inside the broker (<see cref="InProcessIngestion"/>); with
/// <c>Ingestion:InProcess</c> false it subscribes over MQTT as it does to an external broker.
/// Until ingestion has connected and subscribed, other clients are turned away (<i>server
/// unavailable</i>): after a restart the broker holds no sessions, and a gateway batch published
/// before ingestion's subscription exists would be PUBACKed yet reach no one.
/// Each session carries what it was let in as (<see cref="SessionGrant"/>); publishes and
/// subscriptions are checked against the current credentials too, so a gateway removed, disabled,
/// moved or past its rotation's grace period is refused at once, and <see cref="ReviewSessionsAsync"/>
/// closes its connection.
/// </remarks>
internal sealed class EmbeddedBroker(
    IOptions<BrokerOptions> options,
    IOptions<IngestionOptions> ingestion,
    IngestionStatus ingestionStatus,
    BrokerIdentities identities,
    TimeProvider time,
    ILogger<EmbeddedBroker> logger,
    InProcessIngestion? inProcess = null) : IHostedService, IDisposable
{
    private const string GrantKey = "envmon.grant";

    private readonly ConnectThrottle _throttle = new(options.Value.ConnectFailuresPerWindow, options.Value.ConnectFailureWindow, time);
    private readonly TopicAcl _acl = new(options.Value.MaxPacketBytes, options.Value.MaxRetainedBytes);
    private MqttServer? _server;
    private BrokerTls? _tls;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var address = IPAddress.Parse(settings.Host);
        var serverOptions = new MqttServerFactory().CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(settings.Port)
            .WithDefaultEndpointReuseAddress()
            .WithPersistentSessions(true)
            .WithMaxPendingMessagesPerClient(settings.MaxPendingMessagesPerClient)
            .Build();
        _tls = settings.Tls.Port > 0 ? new BrokerTls(settings.Tls) : null;
        _server = new MqttServerFactory().CreateMqttServer(serverOptions, [new BufferedTcpServerAdapter(logger, _tls)]);
        _server.ValidatingConnectionAsync += OnConnectingAsync;
        _server.InterceptingPublishAsync += OnPublishAsync;
        _server.InterceptingSubscriptionAsync += OnSubscribingAsync;
        inProcess?.Attach(_server);
        await _server.StartAsync();
        BrokerLog.Started(logger, settings.Host, settings.Port, settings.Tls.Port, inProcess is null ? "over an MQTT subscription" : "inside the broker");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        inProcess?.Stopped();
        if (_server is { IsStarted: true })
        {
            try
            {
                await _server.StopAsync(new MqttServerStopOptions());
            }
            catch (InvalidOperationException e)
            {
                // MQTTnet 5.2's listener clean-up can race its own accept loop ("collection was modified")
                // while stopping; the listener is closed either way, so shutdown goes on.
                BrokerLog.StopRaced(logger, e);
            }
        }
    }

    public void Dispose()
    {
        _server?.Dispose();
        _tls?.Dispose();
    }

    /// <summary>What the broker holds retained (its memory that outlives connections); empty before start.</summary>
    public async Task<IList<MqttApplicationMessage>> RetainedMessagesAsync() =>
        _server is null ? [] : await _server.GetRetainedMessagesAsync();

    /// <summary>
    /// Closes each connected session whose credential is no longer valid (<see cref="BrokerIdentities.Revoked"/>),
    /// and forgets the stored session (connected or not) of an identity that no longer exists as it was.
    /// </summary>
    public async Task ReviewSessionsAsync(CancellationToken cancellationToken)
    {
        if (_server is not { IsStarted: true } server)
        {
            return;
        }

        var connected = (await server.GetClientsAsync()).ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var session in await server.GetSessionsAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (session.Items[GrantKey] is not SessionGrant grant || identities.Revoked(grant, session.Id) is not { } revocation)
            {
                continue;
            }

            if (revocation.Forget)
            {
                BrokerLog.SessionRevoked(logger, session.Id, grant.ToString(), revocation.Reason, "is deleted");
                // Also ends its connection, if any.
                await session.DeleteAsync();
            }
            else if (connected.TryGetValue(session.Id, out var client))
            {
                BrokerLog.SessionRevoked(logger, session.Id, grant.ToString(), revocation.Reason, "is kept");
                await client.DisconnectAsync(new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized, ReasonString = revocation.Reason });
            }
        }
    }

    private async Task OnConnectingAsync(ValidatingConnectionEventArgs e)
    {
        var source = ConnectThrottle.SourceOf(e.RemoteEndPoint);
        if (_throttle.IsBlocked(source))
        {
            // Refused before the password check: guessing from this address costs it time, not us CPU.
            RefuseConnect(e, new(MqttConnectReasonCode.ConnectionRateExceeded, "too many failed connects from this address; try again later"));
            return;
        }

        var (grant, refusal) = e.ClientId.StartsWith('$')
            ? (null, new Refusal<MqttConnectReasonCode>(MqttConnectReasonCode.ClientIdentifierNotValid, "client ids starting with $ are the broker's own"))
            : identities.Authenticate(e.UserName, e.Password, e.ClientId);
        if (refusal is { } refused)
        {
            _throttle.Failed(source);
            RefuseConnect(e, refused);
            return;
        }

        e.SessionItems[GrantKey] = grant;
        await KeepOrForgetStoredSessionAsync(e.ClientId, grant!);
        if (grant!.Identity.Role != BrokerRole.Ingestion && e.ClientId != ingestion.Value.ClientId && !ingestionStatus.BrokerConnected)
        {
            e.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
            BrokerLog.NotReady(logger, e.ClientId);
        }
    }

    /// <summary>
    /// MQTTnet resumes a stored session with the items it was created with, not the new connection's:
    /// the stored session takes the new grant (a rotated password's), or is deleted when it was another
    /// identity's (the gateway moved park: its old subscriptions must not come back with it).
    /// </summary>
    private async Task KeepOrForgetStoredSessionAsync(string clientId, SessionGrant grant)
    {
        if ((await _server!.GetSessionsAsync()).FirstOrDefault(s => s.Id == clientId) is not { } stored)
        {
            return;
        }

        if (stored.Items[GrantKey] is SessionGrant before && before.Identity != grant.Identity)
        {
            BrokerLog.SessionRevoked(logger, clientId, before.ToString(), $"{before.Identity} is now {grant.Identity}", "is deleted");
            await stored.DeleteAsync();
            return;
        }

        stored.Items[GrantKey] = grant;
    }

    private void RefuseConnect(ValidatingConnectionEventArgs e, Refusal<MqttConnectReasonCode> refusal)
    {
        e.ReasonCode = refusal.Code;
        BrokerLog.ConnectRefused(logger, e.ClientId, e.UserName ?? "(none)", e.RemoteEndPoint?.ToString() ?? "?", refusal.Code, refusal.Reason);
    }

    /// <summary>
    /// The one publish authorization (<see cref="TopicAcl"/>): a message refused here reaches neither
    /// in-process ingestion nor any subscriber (the ingestion subscriber included). Every client's
    /// session carries its identity; only the acks the cloud injects come from
    /// <see cref="InProcessIngestion.CloudSenderId"/>. Anything else (no identity) is refused.
    /// </summary>
    private Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        var identity = e.SessionItems?[GrantKey] is SessionGrant grant ? IdentityOf(grant, e.ClientId)
            : e.ClientId == InProcessIngestion.CloudSenderId ? BrokerIdentity.Cloud : BrokerIdentity.Nobody;
        var message = e.ApplicationMessage;
        if (_acl.AuthorizePublish(identity, message.Topic, message.Retain, message.Payload.Length) is { } refusal)
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = refusal.Code;
            e.Response.ReasonString = refusal.Reason;
            BrokerLog.PublishRefused(logger, e.ClientId, message.Topic, refusal.Code, refusal.Reason);
            return Task.CompletedTask;
        }

        return inProcess?.TakeAsync(e) ?? Task.CompletedTask;
    }

    private Task OnSubscribingAsync(InterceptingSubscriptionEventArgs e)
    {
        var identity = e.SessionItems?[GrantKey] is SessionGrant grant ? IdentityOf(grant, e.ClientId) : BrokerIdentity.Nobody;
        if (TopicAcl.AuthorizeSubscribe(identity, e.TopicFilter.Topic) is { } refusal)
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = refusal.Code;
            e.ReasonString = refusal.Reason;
            BrokerLog.SubscribeRefused(logger, e.ClientId, e.TopicFilter.Topic, refusal.Code, refusal.Reason);
        }

        return Task.CompletedTask;
    }

    /// <summary>The identity a session acts as: nobody once its grant is revoked (<see cref="BrokerIdentities.Revoked"/>).</summary>
    private BrokerIdentity IdentityOf(SessionGrant grant, string clientId) =>
        identities.Revoked(grant, clientId) is null ? grant.Identity : BrokerIdentity.Nobody;
}
