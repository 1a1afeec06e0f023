using MQTTnet;
using MQTTnet.Formatter;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// One MQTT connection carrying many stations' telemetry, one sample per QoS 1 message, with up to
/// a fixed number of publishes awaiting their PUBACK at once (pipelined, bounded).
/// </summary>
internal sealed class StationConnection : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim _inFlight;
    private readonly int _maxInFlight;
    private long _acknowledged;
    private Exception? _failure;

    public StationConnection(int maxInFlight)
    {
        _maxInFlight = maxInFlight;
        _inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);
    }

    /// <summary>Messages the broker has PUBACKed so far.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public async Task ConnectAsync(int port, string clientId, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await _client.ConnectAsync(
            new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", port)
                .WithClientId(clientId)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithCleanStart(true)
                .Build(),
            timeout.Token);
    }

    /// <summary>Publishes every message; completes when the broker has acknowledged them all.</summary>
    public async Task PublishAllAsync(IEnumerable<MqttApplicationMessage> messages, StoredLead lead, CancellationToken ct)
    {
        foreach (var message in messages)
        {
            await lead.AdmitAsync(ct);
            await _inFlight.WaitAsync(ct);
            ThrowIfFailed();
            _ = PublishOneAsync(message, ct);
        }

        // Every slot back means every publish has its answer.
        for (var i = 0; i < _maxInFlight; i++)
        {
            await _inFlight.WaitAsync(ct);
        }

        ThrowIfFailed();
        _inFlight.Release(_maxInFlight);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
        }

        // _inFlight is not disposed: after a failed run, publishes still under way release it as
        // they end, and a SemaphoreSlim whose wait handle was never used holds nothing to free.
        _client.Dispose();
    }

    private async Task PublishOneAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        try
        {
            var result = await _client.PublishAsync(message, ct);
            if (result.IsSuccess)
            {
                Interlocked.Increment(ref _acknowledged);
            }
            else
            {
                Interlocked.CompareExchange(ref _failure, new BenchFailedException($"the broker refused a message on {message.Topic}: {result.ReasonCode} {result.ReasonString}"), null);
            }
        }
        catch (Exception e)
        {
            // Kept and rethrown by PublishAllAsync: the publisher's loop is where the scenario awaits.
            Interlocked.CompareExchange(ref _failure, e, null);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new BenchFailedException($"publishing failed: {failure.Message}", failure);
        }
    }
}
