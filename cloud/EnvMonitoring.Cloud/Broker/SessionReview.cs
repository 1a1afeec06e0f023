namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// Closes, every <see cref="Interval"/>, the embedded broker's sessions whose credential stopped
/// being valid (<see cref="EmbeddedBroker.ReviewSessionsAsync"/>): after a replacement of the gateway
/// credentials, and when a rotation's grace period ends, with nothing else to trigger it.
/// </summary>
/// <remarks>
/// Until the review comes round, the broker already refuses such a session's publishes and
/// subscriptions; the review ends the connection itself.
/// </remarks>
internal sealed class SessionReview(EmbeddedBroker broker, TimeProvider time, ILogger<SessionReview> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await broker.ReviewSessionsAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                BrokerLog.ReviewFailed(logger, e);
            }
        }
    }
}
