using System.Text;
using EnvMonitoring.Node.Simulation;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Topics;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Node.Publishing;

/// <summary>
/// Reports each configured station to the park gateway every report interval: one MQTT
/// connection per station (its own identity, retained status and last will), QoS 1 samples
/// stamped with the measurement time. A sample that cannot be delivered is retried until the
/// gateway acknowledges it; the on-disk buffer of the sensor-node issue extends this across reboots.
/// </summary>
internal sealed class StationPublisher(IOptions<NodeOptions> options, TimeProvider time, ILogger<StationPublisher> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var stations = settings.Stations.Select(s => new SimulatedStation(s.Id, s.Medium, ParameterCatalog.Default));
        return Task.WhenAll(stations.Select(station => RunAsync(station, settings, stoppingToken)));
    }

    private async Task RunAsync(SimulatedStation station, NodeOptions settings, CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var topic = Topics.Telemetry(settings.Park, station.Station);
        using var timer = new PeriodicTimer(settings.ReportInterval, time);
        try
        {
            do
            {
                var sample = station.Next(time.GetUtcNow());
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(SampleCodec.EncodeSample(sample))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build();
                await PublishUntilAcknowledgedAsync(client, station.Station, settings, message, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            if (client.IsConnected)
            {
                await PublishStatusAsync(client, settings.Park, station.Station, "offline", CancellationToken.None);
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
            }
        }
    }

    private async Task PublishUntilAcknowledgedAsync(IMqttClient client, string station, NodeOptions settings, MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                if (!client.IsConnected)
                {
                    await ConnectAsync(client, station, settings, cancellationToken);
                }

                var result = await client.PublishAsync(message, cancellationToken);
                if (result.IsSuccess)
                {
                    return;
                }

                if (result.ReasonCode == MqttClientPublishReasonCode.QuotaExceeded)
                {
                    // The gateway's backlog is at its cap: keep the sample and try again later.
                    throw new InvalidOperationException($"the gateway's log is full: {result.ReasonString}");
                }

                // The gateway refused the sample itself; sending it again would not change that.
                NodeLog.Refused(logger, station, result.ReasonCode.ToString(), result.ReasonString ?? "");
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                NodeLog.GatewayUnreachable(logger, station, settings.Gateway.Host, settings.Gateway.Port, delay, e);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private static async Task ConnectAsync(IMqttClient client, string station, NodeOptions settings, CancellationToken cancellationToken)
    {
        var statusTopic = Topics.StationStatus(settings.Park, station);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Gateway.Host, settings.Gateway.Port)
            .WithClientId($"envmon-node-{station}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(statusTopic)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillPayload(Encoding.UTF8.GetBytes("""{"state":"offline"}"""));
        if (!string.IsNullOrEmpty(settings.Gateway.Username))
        {
            builder = builder.WithCredentials(settings.Gateway.Username, settings.Gateway.Password);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await client.ConnectAsync(builder.Build(), timeout.Token);
        await PublishStatusAsync(client, settings.Park, station, "online", timeout.Token);
    }

    private static Task PublishStatusAsync(IMqttClient client, string park, string station, string state, CancellationToken cancellationToken) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(Topics.StationStatus(park, station))
            .WithRetainFlag()
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithPayload(Encoding.UTF8.GetBytes($$"""{"state":"{{state}}","ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"fw":"{{NodeVersion.Firmware}}"}"""))
            .Build(), cancellationToken);
}
