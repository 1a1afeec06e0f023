using System.Buffers;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// An edge gateway's upstream half, as the cloud sees it: batches published QoS 1 on
/// <c>envmon/{park}/_gw/{gateway}/batch</c>, at most a window of them unacknowledged, each released
/// by the cloud's application-level ack on <c>…/ack</c>. The window is what keeps a real gateway's
/// backlog on its own disk instead of in the broker's memory.
/// </summary>
internal sealed class EmulatedGateway : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly IReadOnlyList<GatewayBatchPayload> _batches;
    private readonly Protection _protection;
    private readonly SemaphoreSlim _window;
    private readonly Dictionary<long, int> _unacknowledged = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _allAcknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _allPublished;
    private long _valuesAcknowledged;
    private long _duplicateAcks;

    public EmulatedGateway(string park, string id, IReadOnlyList<GatewayBatchPayload> batches, int window, Protection protection)
    {
        _protection = protection;
        Park = park;
        Id = id;
        _batches = batches;
        _window = new SemaphoreSlim(window, window);
    }

    public string Park { get; }

    public string Id { get; }

    /// <summary>Its identity on the cloud broker (the host is started with <see cref="TestBrokerClient.Settings"/> of it).</summary>
    public TestBrokerClient Identity => TestBrokerClient.ForGateway(Park, Id);

    public int BatchCount => _batches.Count;

    public long ValuesAcknowledged => Interlocked.Read(ref _valuesAcknowledged);

    /// <summary>Acks for batches already acknowledged: harmless (at-least-once), but worth counting.</summary>
    public long DuplicateAcks => Interlocked.Read(ref _duplicateAcks);

    /// <summary>
    /// Connects to the host's listener for <see cref="Protection"/>: over TLS (the server checked
    /// against the test CA alone, as the edge gateway's <c>CloudForwarder</c> does) as
    /// <see cref="Identity"/>, or in plaintext without credentials.
    /// </summary>
    public async Task ConnectAsync(CloudHostProcess host, CancellationToken ct)
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            OnAck(SampleCodec.DecodeAck(e.ApplicationMessage.Payload.IsSingleSegment
                ? e.ApplicationMessage.Payload.FirstSpan
                : e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _protection.PortOf(host))
            .WithClientId(Identity.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true);
        if (_protection.Authenticated)
        {
            options = options.WithCredentials(Identity.Username, Identity.Password);
        }

        if (_protection.Ca is not null)
        {
            options = options.WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(e => _protection.AcceptsServer(e.Certificate, e.Chain, e.SslPolicyErrors)));
        }

        await _client.ConnectAsync(options.Build(), timeout.Token);
        await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(Topics.GatewayAck(Park, Id), MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            timeout.Token);
    }

    /// <summary>Publishes every batch within the window; completes when the cloud acknowledged them all.</summary>
    public Task SendAllAsync(CancellationToken ct) => SendAsync(_batches, ct);

    /// <summary>
    /// Publishes the batches over and over (the same numbers and points each round) until
    /// <paramref name="duration"/> has passed, then waits for the last acks. The window keeps a
    /// number from being outstanding twice: a round is far longer than the window.
    /// </summary>
    public Task SendRepeatedlyAsync(TimeSpan duration, CancellationToken ct) => SendAsync(Rounds(DateTime.UtcNow + duration), ct);

    private IEnumerable<GatewayBatchPayload> Rounds(DateTime deadline)
    {
        for (var i = 0; DateTime.UtcNow < deadline; i = (i + 1) % _batches.Count)
        {
            yield return _batches[i];
        }
    }

    private async Task SendAsync(IEnumerable<GatewayBatchPayload> batches, CancellationToken ct)
    {
        var topic = Topics.GatewayBatch(Park, Id);
        foreach (var batch in batches)
        {
            await _window.WaitAsync(ct);
            lock (_gate)
            {
                _unacknowledged[batch.Number] = batch.Values;
            }

            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(batch.Payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = await _client.PublishAsync(message, ct);
            if (!result.IsSuccess)
            {
                throw new BenchFailedException($"the broker refused batch {batch.Number} of {Id}: {result.ReasonCode} {result.ReasonString}");
            }
        }

        lock (_gate)
        {
            _allPublished = true;
            CompleteIfDone();
        }

        await _allAcknowledged.Task.WaitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
        }

        _client.Dispose();
        _window.Dispose();
    }

    private void OnAck(Protocol.Samples.GatewayAck? ack)
    {
        if (ack is null)
        {
            _allAcknowledged.TrySetException(new BenchFailedException($"{Id} received an ack it cannot decode."));
            return;
        }

        lock (_gate)
        {
            foreach (var number in ack.Batches)
            {
                if (_unacknowledged.Remove(number, out var values))
                {
                    Interlocked.Add(ref _valuesAcknowledged, values);
                    _window.Release();
                }
                else
                {
                    Interlocked.Increment(ref _duplicateAcks);
                }
            }

            CompleteIfDone();
        }
    }

    private void CompleteIfDone()
    {
        if (_allPublished && _unacknowledged.Count == 0)
        {
            _allAcknowledged.TrySetResult();
        }
    }
}
