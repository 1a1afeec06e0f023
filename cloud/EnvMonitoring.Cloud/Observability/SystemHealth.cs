using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Cloud.Storage;

namespace EnvMonitoring.Cloud.Observability;

/// <summary>
/// What staff must know about the system itself, probed every <see cref="ProbeInterval"/>: whether
/// InfluxDB answers (storage), whether ingestion is connected to the MQTT broker, and how many alert
/// events wait to be stored. A change is told at once (<see cref="Changed"/>), so the dashboard's
/// header says "storage down" within seconds of it (docs/live.md, <c>health</c>).
/// </summary>
public sealed class SystemHealth(InfluxClient influx, IngestionStatus ingestion, AlertEventStore alertEvents, TimeProvider time, ILogger<SystemHealth> logger) : BackgroundService
{
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);

    /// <summary>Until the first probe, the storage counts as up: the header does not cry wolf at start.</summary>
    public HealthNow Current { get; private set; } = new(StorageUp: true, BrokerUp: true, AlertEventsNotStored: 0);

    /// <summary>Raised (on the probing thread) when <see cref="Current"/> changes.</summary>
    public event Action<HealthNow>? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ProbeInterval, time);
        do
        {
            var now = new HealthNow(await influx.PingAsync(ProbeInterval, stoppingToken), ingestion.BrokerConnected, alertEvents.Backlog);
            if (now != Current)
            {
                Current = now;
                ObservabilityLog.HealthChanged(logger, now.StorageUp, now.BrokerUp, now.AlertEventsNotStored);
                Changed?.Invoke(now);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>The system's health as the dashboard shows it in its header.</summary>
public sealed record HealthNow(bool StorageUp, bool BrokerUp, int AlertEventsNotStored);
