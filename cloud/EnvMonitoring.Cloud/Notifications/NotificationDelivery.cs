using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// Runs every receiver's delivery lanes. At shutdown it stops queuing and gives what is queued
/// <see cref="NotificationOptions.DrainTimeout"/> to go out; what is left stays in the receivers'
/// outboxes and goes out after the next start.
/// </summary>
internal sealed class NotificationDelivery(AlertNotifier notifier, IOptions<NotificationOptions> options, ILogger<NotificationDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        NotificationLog.Configured(
            logger,
            notifier.Receivers.Count(r => r.Receiver.Channel == NotificationChannels.Webhook),
            notifier.Receivers.Count(r => r.Receiver.Channel == NotificationChannels.Email));
        try
        {
            await Task.WhenAll(notifier.Receivers.Select(r => r.RunAsync(stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            var pending = notifier.Pending;
            if (pending > 0)
            {
                NotificationLog.KeptForNextStart(logger, pending, options.Value.DrainTimeout);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var receiver in notifier.Receivers)
        {
            receiver.Complete();
        }

        if (ExecuteTask is { } running)
        {
            using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            drain.CancelAfter(options.Value.DrainTimeout);
            try
            {
                await running.WaitAsync(drain.Token);
            }
            catch (OperationCanceledException) when (drain.IsCancellationRequested)
            {
                // Drain time is over: base.StopAsync cancels the lanes, and ExecuteAsync logs what stays in the outboxes.
            }
        }

        await base.StopAsync(cancellationToken);
    }
}
