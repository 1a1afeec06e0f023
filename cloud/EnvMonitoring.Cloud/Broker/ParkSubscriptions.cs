using System.Collections.Concurrent;
using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Protocol.Topics;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// Ingestion when several instances share the parks (docs/scale.md): each park taken up here is
/// consumed through a persistent session of its own, client id <c>{ClientId}-park-{park}</c>, so the
/// instance that takes the park up next resumes the same session from the broker, with whatever
/// was not acknowledged (nothing stored is lost, nothing is judged twice by two instances: the
/// broker lets one client hold a session at a time). The last custodian: a park's messages flow only
/// once everything that judges them has taken it up, and stop first when it is handed over. What
/// the cloud publishes (gateway acks, calibration commands) goes on the instance's own session.
/// </summary>
internal sealed class ParkSubscriptions : BackgroundService, IParkCustodian, ICloudPublisher
{
    private readonly ConcurrentDictionary<string, (BrokerSession Session, CancellationTokenSource Stop, Task Running)> _parks = new(StringComparer.Ordinal);
    private readonly Func<string, IReadOnlyList<string>, bool, BrokerSession> _newSession;
    private readonly BrokerSession _publisher;
    private readonly string _clientId;
    private readonly ILogger<ParkSubscriptions> _logger;

    public ParkSubscriptions(
        IOptions<BrokerOptions> broker,
        IOptions<IngestionOptions> options,
        IngestionTls tls,
        IParkOwnership ownership,
        MessageDecoder decoder,
        DeliveryQueue queue,
        IngestionStatus status,
        TimeProvider time,
        ILogger<ParkSubscriptions> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ownership);
        _clientId = options.Value.ClientId;
        _logger = logger;
        _newSession = (clientId, filters, reportsStatus) =>
            new BrokerSession(clientId, filters, reportsStatus, broker.Value, options.Value, tls, decoder, queue, status, time, logger);
        _publisher = _newSession($"{_clientId}-{ownership.InstanceId}", [], true);
    }

    /// <summary>The session's client id for a park: the same on every instance, so the next judge resumes it.</summary>
    public string ClientIdOf(string park) => $"{_clientId}-park-{park}";

    public Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken) =>
        _publisher.PublishAsync(message, cancellationToken);

    public Task TakeUpAsync(string park, CancellationToken cancellationToken)
    {
        var session = _newSession(ClientIdOf(park), [Topics.ParkTelemetry(park), Topics.ParkGatewayBatches(park)], false);
        var stop = new CancellationTokenSource();
        if (!_parks.TryAdd(park, (session, stop, session.RunAsync(stop.Token))))
        {
            stop.Dispose();
            throw new InvalidOperationException($"Park {park} is consumed here already.");
        }

        return Task.CompletedTask;
    }

    /// <summary>Ends the park's session: what is not acknowledged yet stays with the broker for the next judge.</summary>
    public async Task HandOverAsync(string park, bool leaseLost, CancellationToken cancellationToken)
    {
        if (_parks.TryRemove(park, out var consumed))
        {
            await consumed.Stop.CancelAsync();
            await consumed.Running;
            consumed.Stop.Dispose();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _publisher.RunAsync(stoppingToken);
        // The leases hand every park over at stop; any session left (a failed hand-over) ends with the host.
        foreach (var park in _parks.Keys)
        {
            BrokerLog.ParkSessionLeft(_logger, park);
            await HandOverAsync(park, leaseLost: true, CancellationToken.None);
        }
    }
}
