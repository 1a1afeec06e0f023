using System.Globalization;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Browser.Tests.Hosts;

/// <summary>
/// Publishes real samples (docs/contract.md) for stations wired straight to the cloud broker:
/// <c>envmon/{park}/{station}/telemetry</c>, QoS 1, measured now unless told otherwise.
/// </summary>
public sealed class StationPublisher : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private long _seq;

    private StationPublisher(IMqttClient client) => _client = client;

    public static async Task<StationPublisher> ConnectAsync(int brokerPort)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", brokerPort)
            .WithClientId($"browser-test-{Guid.NewGuid():N}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .Build(), timeout.Token);
        return new StationPublisher(client);
    }

    /// <summary>One sample; returns once the broker has acknowledged it (PUBACK success).</summary>
    public async Task PublishAsync(
        string park, string station, IReadOnlyDictionary<string, double> values,
        IReadOnlyDictionary<string, int>? status = null, DateTimeOffset? measuredAt = null)
    {
        var sample = new Dictionary<string, object>
        {
            ["station"] = station,
            ["seq"] = Interlocked.Increment(ref _seq),
            ["ts"] = (measuredAt ?? DateTimeOffset.UtcNow).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            ["values"] = values,
        };
        if (status is not null)
        {
            sample["status"] = status;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"envmon/{park}/{station}/telemetry")
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(sample))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), timeout.Token);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"The broker refused the sample of {station}: {result.ReasonCode} {result.ReasonString}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        _client.Dispose();
    }
}
