using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Protocol.Topics;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// Ingestion through a subscription: one persistent session (<see cref="BrokerSession"/>, client id
/// <see cref="IngestionOptions.ClientId"/>) to every telemetry and gateway-batch topic, optionally
/// in a shared subscription group (<see cref="IngestionOptions.SharedSubscriptionGroup"/>). Its
/// connection also publishes what the cloud sends (gateway acks, calibration commands).
/// </summary>
internal sealed class BrokerSubscriber : BackgroundService, ICloudPublisher
{
    private readonly BrokerSession _session;

    public BrokerSubscriber(
        IOptions<BrokerOptions> broker,
        IOptions<IngestionOptions> options,
        IngestionTls tls,
        MessageDecoder decoder,
        DeliveryQueue queue,
        IngestionStatus status,
        TimeProvider time,
        ILogger<BrokerSubscriber> logger)
    {
        var settings = options.Value;
        var filters = new[] { Topics.AllTelemetry, Topics.AllGatewayBatches }
            .Select(f => settings.SharedSubscriptionGroup is { } group ? $"$share/{group}/{f}" : f)
            .ToArray();
        _session = new BrokerSession(settings.ClientId, filters, reportsStatus: true, broker.Value, settings, tls, decoder, queue, status, time, logger);
    }

    /// <summary>Publishes on the ingestion connection (gateway acks, calibration commands); throws when disconnected.</summary>
    public Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken) =>
        _session.PublishAsync(message, cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _session.RunAsync(stoppingToken);
}
