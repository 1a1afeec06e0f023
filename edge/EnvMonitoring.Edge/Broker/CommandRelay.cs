using MQTTnet;
using MQTTnet.Server;

namespace EnvMonitoring.Edge.Broker;

/// <summary>
/// The gateway's own publishes into its node broker: the commands it takes from the cloud for its
/// park's stations (docs/edge.md, "Commands"), injected as <see cref="SenderId"/> so the node
/// broker's ACL can tell them from a device's. The node's subscription to its command topic then
/// gets them, retained ones also on a later (re)connect.
/// </summary>
internal sealed class CommandRelay
{
    /// <summary>
    /// The sender of what the gateway injects. The node broker refuses client ids starting with
    /// <c>$</c>, so no device can pass for the gateway.
    /// </summary>
    public const string SenderId = "$envmon-gateway";

    private MqttServer? _server;

    /// <summary>The node broker, once it is running; commands before that are refused.</summary>
    public void Attach(MqttServer server) => _server = server;

    /// <summary>Publishes <paramref name="message"/> to the nodes; throws when the node broker is not running.</summary>
    public Task RelayAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var server = _server ?? throw new InvalidOperationException("The node broker is not running.");
        return server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = SenderId }, cancellationToken);
    }
}
