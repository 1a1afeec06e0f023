using EnvMonitoring.Cloud.Ingestion;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Packets;

namespace EnvMonitoring.Cloud.Tests.Ingestion;

/// <summary>
/// Which failures of an ack mean "the session closed meanwhile" (the broker redelivers the message;
/// logged as such) rather than a fault. The exceptions are MQTTnet's own, thrown by its real code.
/// </summary>
public sealed class AcknowledgerTests
{
    [Fact]
    public async Task A_send_through_a_disposed_mqttnet_adapter_is_a_closed_session()
    {
        // What an ack meets when the session's client tore its connection down between taking and acknowledging.
        var adapter = new MqttChannelAdapter(new MqttTcpChannel(), new MqttPacketFormatterAdapter(MqttProtocolVersion.V500, new MqttBufferWriter(4096, 65536)),
            MqttNetNullLogger.Instance);
        adapter.Dispose();

        var thrown = await Assert.ThrowsAsync<ObjectDisposedException>(() => adapter.SendPacketAsync(new MqttPubAckPacket { PacketIdentifier = 1 }, CancellationToken.None));

        Assert.True(Acknowledger.SessionClosed(thrown), thrown.ToString());
    }

    [Fact]
    public void Another_objects_disposal_or_another_failure_is_not_a_closed_session()
    {
        var semaphore = new SemaphoreSlim(1);
        semaphore.Dispose();

        Assert.False(Acknowledger.SessionClosed(Assert.Throws<ObjectDisposedException>(() => semaphore.Wait(0))));
        Assert.False(Acknowledger.SessionClosed(new ObjectDisposedException(objectName: null)));
        Assert.False(Acknowledger.SessionClosed(new InvalidOperationException("not a closed session")));
        Assert.False(Acknowledger.SessionClosed(Assert.Throws<NullReferenceException>(() => ((string)null!).Length)));
    }
}
