using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>
/// A saturated QoS 1 subscriber, shaped like ingestion during an InfluxDB outage: it acknowledges
/// manually, holds every message unacknowledged until <see cref="StartAcknowledging"/>, and once
/// <c>capacity</c> messages wait its receive handler blocks too. Each payload starts with a
/// 64-bit message id; the subscriber counts the distinct ids it received.
/// </summary>
internal sealed class SlowSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> _unacknowledged;
    private readonly ConcurrentDictionary<long, byte> _ids = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acknowledging;
    private int _deliveries;

    private SlowSubscriber(IMqttClient client, int capacity)
    {
        _client = client;
        _unacknowledged = Channel.CreateBounded<MqttApplicationMessageReceivedEventArgs>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        _client.ApplicationMessageReceivedAsync += async e =>
        {
            e.AutoAcknowledge = false;
            Interlocked.Increment(ref _deliveries);
            _ids.TryAdd(BinaryPrimitives.ReadInt64LittleEndian(e.ApplicationMessage.Payload.FirstSpan), 0);
            await _unacknowledged.Writer.WriteAsync(e, _stop.Token);
        };
        _acknowledging = AcknowledgeAsync();
    }

    /// <summary>Distinct message ids received.</summary>
    public int UniqueMessages => _ids.Count;

    /// <summary>Deliveries, redeliveries included.</summary>
    public int Deliveries => Volatile.Read(ref _deliveries);

    public static async Task<SlowSubscriber> ConnectAsync(int port, string topicFilter, ushort receiveMaximum, int capacity)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var subscriber = new SlowSubscriber(client, capacity);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId($"slow-subscriber-{Guid.NewGuid():N}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithReceiveMaximum(receiveMaximum)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
            .Build(), timeout.Token);
        await client.SubscribeAsync(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        return subscriber;
    }

    /// <summary>From now on every waiting and every later message is acknowledged, in order.</summary>
    public void StartAcknowledging() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _release.TrySetResult();
        await _acknowledging;
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task AcknowledgeAsync()
    {
        await _release.Task;
        try
        {
            await foreach (var message in _unacknowledged.Reader.ReadAllAsync(_stop.Token))
            {
                await message.AcknowledgeAsync(_stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }
}
