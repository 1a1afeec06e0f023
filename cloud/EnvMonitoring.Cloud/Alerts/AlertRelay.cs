using System.Threading.Channels;
using EnvMonitoring.Cloud.Cluster;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// When several instances share the parks: tells the others of each transition this instance's rules
/// decided, as the alert's view after it, so every instance's <see cref="AlertBoard"/> shows every
/// park's alerts (<see cref="AlertCommands"/> takes them in). A listener that returns at once: the
/// views are published from a queue.
/// </summary>
public sealed class AlertRelay(IClusterChannel cluster, ILogger<AlertRelay> logger) : BackgroundService, IRulesListener
{
    /// <summary>The channel of alert views.</summary>
    public const string AlertsChannel = "alerts";

    private readonly Channel<AlertView> _views = Channel.CreateUnbounded<AlertView>(new UnboundedChannelOptions { SingleReader = true });

    void IRulesListener.OnTransition(AlertTransition transition)
    {
        if (cluster.Enabled)
        {
            _views.Writer.TryWrite(transition.View);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var view in _views.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await cluster.PublishAsync(AlertsChannel, view, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                AlertsLog.RelayFailed(logger, view.Id, e);
            }
        }
    }
}
