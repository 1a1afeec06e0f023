using System.Diagnostics;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Benchmarks.Live;

/// <summary>Stations wired straight to the cloud broker: QoS 1 samples of 8 values, paced to a rate over several connections.</summary>
internal sealed class StationPublisher : IAsyncDisposable
{
    public static readonly string[] Codes = ["pH", "Temp", "COD", "TSS", "NH4", "TN", "FlowIn", "FlowOut"];
    private static readonly Parameter[] Parameters = Codes.Select(c => ParameterCatalog.Default[c]).ToArray();
    private readonly IMqttClient[] _clients;
    private int _next;

    private StationPublisher(IMqttClient[] clients) => _clients = clients;

    /// <summary>Samples per second actually published by the last <see cref="RunAsync"/>.</summary>
    public double Rate { get; private set; }

    public static async Task<StationPublisher> ConnectAsync(int port, int connections)
    {
        var clients = new IMqttClient[connections];
        for (var i = 0; i < connections; i++)
        {
            clients[i] = new MqttClientFactory().CreateMqttClient();
            await clients[i].ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
                .WithClientId($"bench-station-{Guid.NewGuid():N}").WithProtocolVersion(MqttProtocolVersion.V500).Build());
        }

        return new StationPublisher(clients);
    }

    public Task PublishAsync(string station, DateTimeOffset at, double cod)
    {
        var values = new Reading[Parameters.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new Reading(Parameters[i], Parameters[i].Code == "COD" ? cod : 7 + i);
        }

        var payload = SampleCodec.EncodeSample(new Sample(station, at, values));
        var client = _clients[Interlocked.Increment(ref _next) % _clients.Length];
        return client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Telemetry("Bench" + station[3..5], station)).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    /// <summary>Publishes <c>station(i)</c> for i = 0, 1, … at the given rate until cancelled; returns the count.</summary>
    public async Task<long> RunAsync(Func<int, string> station, double samplesPerSecond, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        long sent = 0;
        var inFlight = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * samplesPerSecond);
            var now = DateTimeOffset.UtcNow;
            while (sent < due)
            {
                inFlight.Add(PublishAsync(station((int)(sent % int.MaxValue)), now, 40 + sent % 20));
                sent++;
            }

            await Task.WhenAll(inFlight);
            inFlight.Clear();
            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Rate = sent / clock.Elapsed.TotalSeconds;
        return sent;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisconnectAsync();
            client.Dispose();
        }
    }
}
