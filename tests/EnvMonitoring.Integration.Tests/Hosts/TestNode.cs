using System.Collections.Concurrent;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// A sensor node as the gateway sees one: publishes numbered samples (8 water values each) at a
/// steady pace, QoS 1, and keeps retrying a sample until the gateway PUBACKs it — through gateway
/// restarts and refusals. <see cref="Acknowledged"/> is what the gateway promised to deliver.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    /// <summary>How long the node waits for a gateway that went away (a power loss and a slow start on a loaded machine).</summary>
    private static readonly TimeSpan ReconnectPatience = TimeSpan.FromMinutes(2);

    private static readonly string[] Codes = ["pH", "Temp", "COD", "TSS", "NH4", "TN", "FlowIn", "FlowOut"];

    private readonly ConcurrentDictionary<int, Sample> _acknowledged = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<int> _port;
    private readonly string _park;
    private readonly string[] _stations;
    private readonly DateTimeOffset _firstTs;

    private TestNode(Func<int> port, string park, string[] stations, DateTimeOffset firstTs)
    {
        _port = port;
        _park = park;
        _stations = stations;
        _firstTs = firstTs;
    }

    public IReadOnlyCollection<Sample> Acknowledged => [.. _acknowledged.Values];

    public int AcknowledgedCount => _acknowledged.Count;

    /// <summary>Samples acknowledged by index: the index says when (in the run) a sample was made.</summary>
    public IReadOnlyDictionary<int, Sample> AcknowledgedByIndex => _acknowledged;

    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Starts publishing <paramref name="total"/> samples at <paramref name="perSecond"/>.</summary>
    public static TestNode Start(Func<int> gatewayPort, string park, string[] stations, int total, double perSecond, DateTimeOffset firstTs)
    {
        var node = new TestNode(gatewayPort, park, stations, firstTs);
        node.Completion = Task.Run(() => node.RunAsync(total, perSecond));
        return node;
    }

    public static Sample SampleAt(string[] stations, int index, DateTimeOffset firstTs)
    {
        var catalog = ParameterCatalog.Default;
        var readings = Codes.Select((code, k) => new Reading(catalog[code], code == "pH" ? 6 + (index % 30 * 0.1) : Math.Round(1 + (index % 97 * 0.5) + k, 3))).ToArray();
        return new Sample(stations[index % stations.Length], firstTs.AddSeconds(index / stations.Length), readings, index / stations.Length);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Completion;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(int total, double perSecond)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var started = DateTimeOffset.UtcNow;
        try
        {
            for (var i = 0; i < total; i++)
            {
                // The node's pace (the scenario's traffic), not a wait for anything.
                var due = started + TimeSpan.FromSeconds(i / perSecond);
                if (due > DateTimeOffset.UtcNow)
                {
                    await Task.Delay(due - DateTimeOffset.UtcNow, _stop.Token);
                }

                var sample = SampleAt(_stations, i, _firstTs);
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(Topics.Telemetry(_park, sample.Station))
                    .WithPayload(SampleCodec.EncodeSample(sample))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build();
                while (true)
                {
                    _stop.Token.ThrowIfCancellationRequested();
                    if (!client.IsConnected)
                    {
                        // The gateway is down or restarting: the sample stays with the node until it takes a connection again.
                        await Eventually.UntilAsync(async () =>
                        {
                            client.Dispose();
                            client = new MqttClientFactory().CreateMqttClient();
                            return await TryConnectAsync(client);
                        }, ReconnectPatience, $"the gateway on port {_port()} takes the node's connection again", _stop.Token);
                    }

                    try
                    {
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                        timeout.CancelAfter(TimeSpan.FromSeconds(10));
                        var result = await client.PublishAsync(message, timeout.Token);
                        if (result.IsSuccess)
                        {
                            _acknowledged[i] = sample;
                            break;
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
                    {
                        // Lost with the connection or unanswered: the sample is sent again.
                    }
                }
            }
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task<bool> TryConnectAsync(IMqttClient client)
    {
        try
        {
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            connect.CancelAfter(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port())
                .WithClientId($"test-node-{_park}").WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(5)).Build(), connect.Token);
            return client.IsConnected;
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            // Not listening yet, or refused while it starts.
            return false;
        }
    }
}
