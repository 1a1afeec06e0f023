using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EnvMonitoring.Edge;
using EnvMonitoring.Edge.Log;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Benchmarks.Gateway;

/// <summary>
/// <c>./envmon bench gateway</c>: readings per second the edge gateway acknowledges to its nodes with
/// the durable log on (PUBACK after the group commit) and off, side by side in one run, plus the
/// log's flushes per second. Nodes are MQTT clients with several publishes outstanding each.
/// </summary>
internal static class GatewayBench
{
    private const int ValuesPerSample = 8;

    /// <summary>Concurrent node connections: the broker handles one publish per connection at a time.</summary>
    private const int Nodes = 128;
    private static readonly string[] Codes = ["pH", "Temp", "COD", "TSS", "NH4", "TN", "FlowIn", "FlowOut"];

    public static async Task<int> RunAsync(string[] args)
    {
        var samples = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 200_000;
        var runs = new List<GatewayRunResult>();
        foreach (var durable in new[] { false, true })
        {
            var result = await RunOnceAsync(durable, samples, Nodes, outstandingPerNode: 8);
            runs.Add(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gateway durable={durable,-5}  {result.ReadingsPerSecond,12:N0} readings/s  {result.SamplesPerSecond,10:N0} samples/s  {result.CommitsPerSecond,8:N0} flushes/s  ({result.Samples:N0} samples in {result.ElapsedSeconds:N1} s)"));
        }

        var ratio = runs[1].ReadingsPerSecond / runs[0].ReadingsPerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"durable / non-durable = {ratio:P0} (target >= 50%: {(ratio >= 0.5 ? "PASS" : "MISS")}); durable readings/s target >= 50,000: {(runs[1].ReadingsPerSecond >= 50_000 ? "PASS" : "MISS")}"));
        var json = Path.Combine(Repository.Root, "TestResults", "bench", "gateway.json");
        Directory.CreateDirectory(Path.GetDirectoryName(json)!);
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { date = DateTimeOffset.UtcNow, runs, ratio }, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"JSON: {json}");
        return 0;
    }

    private static async Task<GatewayRunResult> RunOnceAsync(bool durable, int samples, int nodes, int outstandingPerNode)
    {
        var logDirectory = Directory.CreateTempSubdirectory("envmon-bench-gateway-").FullName;
        var port = FreePort.Next();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Bench" });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Park"] = "Bench",
            ["Gateway:Id"] = "bench-gw",
            ["Gateway:Listen:Port"] = port.ToString(CultureInfo.InvariantCulture),
            // No cloud: this measures what the gateway accepts from nodes, not the WAN.
            ["Gateway:Cloud:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Gateway:AllowAnonymous"] = "true",
            ["Gateway:Log:Directory"] = logDirectory,
            ["Gateway:Log:Durable"] = durable ? "true" : "false",
        });
        builder.AddGateway();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var log = host.Services.GetRequiredService<SampleLog>();
            var commitsBefore = log.Commits;
            var payloads = Enumerable.Range(0, samples).Select(Payload).ToArray();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, nodes).Select(node => PublishAsync(port, node, nodes, payloads, outstandingPerNode)));
            var elapsed = clock.Elapsed.TotalSeconds;
            return new GatewayRunResult(durable, samples, samples * ValuesPerSample, elapsed, log.Commits - commitsBefore);
        }
        finally
        {
            await host.StopAsync();
            Directory.Delete(logDirectory, recursive: true);
        }
    }

    private static (string Topic, byte[] Payload) Payload(int i)
    {
        var catalog = ParameterCatalog.Default;
        var station = $"BENCH-{i % 500:D3}";
        var sample = new Sample(station, DateTimeOffset.UtcNow.AddDays(-1).AddSeconds(i / 500), Codes.Select((c, k) => new Reading(catalog[c], 5 + k + (i % 10))).ToArray(), i / 500);
        return (Topics.Telemetry("Bench", station), SampleCodec.EncodeSample(sample));
    }

    private static async Task PublishAsync(int port, int node, int nodes, (string Topic, byte[] Payload)[] payloads, int outstanding)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"bench-node-{node}")
            .WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(30)).Build());
        using var slots = new SemaphoreSlim(outstanding);
        var pending = new List<Task>();
        for (var i = node; i < payloads.Length; i += nodes)
        {
            await slots.WaitAsync();
            var message = new MqttApplicationMessageBuilder().WithTopic(payloads[i].Topic).WithPayload(payloads[i].Payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            pending.Add(PublishOneAsync(client, message, slots));
        }

        await Task.WhenAll(pending);
        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
    }

    private static async Task PublishOneAsync(IMqttClient client, MqttApplicationMessage message, SemaphoreSlim slots)
    {
        try
        {
            var result = await client.PublishAsync(message);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"the gateway refused a sample: {result.ReasonCode} {result.ReasonString}");
            }
        }
        finally
        {
            slots.Release();
        }
    }
}
