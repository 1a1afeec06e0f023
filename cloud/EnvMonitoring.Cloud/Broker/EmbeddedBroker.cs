using System.Net;
using EnvMonitoring.Cloud.Ingestion;
using Microsoft.Extensions.Options;
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
/// </remarks>
internal sealed class EmbeddedBroker(
    IOptions<BrokerOptions> options,
    IOptions<IngestionOptions> ingestion,
    IngestionStatus ingestionStatus,
    ILogger<EmbeddedBroker> logger,
    InProcessIngestion? inProcess = null) : IHostedService, IDisposable
{
    private MqttServer? _server;

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
        _server = new MqttServerFactory().CreateMqttServer(serverOptions, [new BufferedTcpServerAdapter(logger)]);
        _server.ValidatingConnectionAsync += OnConnectingAsync;
        inProcess?.Attach(_server);
        await _server.StartAsync();
        BrokerLog.Started(logger, settings.Host, settings.Port, inProcess is null ? "over an MQTT subscription" : "inside the broker");
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

    public void Dispose() => _server?.Dispose();

    private Task OnConnectingAsync(ValidatingConnectionEventArgs e)
    {
        if (e.ClientId != ingestion.Value.ClientId && !ingestionStatus.BrokerConnected)
        {
            e.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
            BrokerLog.NotReady(logger, e.ClientId);
        }

        return Task.CompletedTask;
    }
}
