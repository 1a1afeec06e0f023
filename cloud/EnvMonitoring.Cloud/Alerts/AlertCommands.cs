using System.Collections.Concurrent;
using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// A user's acknowledge or resolve, wherever the alert is judged: by this instance's
/// <see cref="AlertService"/>, or, when several instances share the parks, by the instance that
/// judges the alert's park, asked over the cluster channel and answering with the alert's view (or
/// why not). Also shows on this instance's <see cref="AlertBoard"/> the alerts the others judge.
/// </summary>
public sealed class AlertCommands(AlertService alerts, AlertBoard board, IClusterChannel cluster, IParkOwnership ownership, ILogger<AlertCommands> logger) : BackgroundService
{
    /// <summary>How long a command waits for the instance that judges the alert's park.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private const string CommandsChannel = "alert-commands";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<CommandReply>> _waiting = new(StringComparer.Ordinal);

    public Task<AlertView> AcknowledgeAsync(string id, string user, string? note, CancellationToken cancellationToken) =>
        RunAsync(new AlertCommand(CommandKind.Acknowledge, id, user, note, ownership.InstanceId, Guid.NewGuid().ToString("N")), cancellationToken);

    public Task<AlertView> ResolveAsync(string id, string user, string note, CancellationToken cancellationToken) =>
        RunAsync(new AlertCommand(CommandKind.Resolve, id, user, note, ownership.InstanceId, Guid.NewGuid().ToString("N")), cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!cluster.Enabled)
        {
            return;
        }

        await cluster.SubscribeAsync<AlertView>(AlertRelay.AlertsChannel, view =>
        {
            board.ShowRemote(view);
            return Task.CompletedTask;
        }, stoppingToken);
        await cluster.SubscribeAsync<AlertCommand>(CommandsChannel, command => ServeAsync(command, stoppingToken), stoppingToken);
        await cluster.SubscribeAsync<CommandReply>(RepliesChannel(ownership.InstanceId), reply =>
        {
            if (_waiting.TryRemove(reply.Correlation, out var waiting))
            {
                waiting.TrySetResult(reply);
            }

            return Task.CompletedTask;
        }, stoppingToken);
    }

    private static string RepliesChannel(string instance) => $"alert-replies:{instance}";

    private async Task<AlertView> RunAsync(AlertCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await RunHereAsync(command);
        }
        catch (AlertNotJudgedHereException) when (cluster.Enabled)
        {
            return await ForwardAsync(command, cancellationToken);
        }
    }

    private Task<AlertView> RunHereAsync(AlertCommand command) => command.Kind == CommandKind.Acknowledge
        ? alerts.AcknowledgeAsync(command.Id, command.User, command.Note)
        : alerts.ResolveAsync(command.Id, command.User, command.Note ?? "");

    /// <summary>Asks every other instance; the one whose engine holds the alert answers.</summary>
    private async Task<AlertView> ForwardAsync(AlertCommand command, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<CommandReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[command.Correlation] = reply;
        try
        {
            await cluster.PublishAsync(CommandsChannel, command, cancellationToken);
            var answer = await reply.Task.WaitAsync(Patience, cancellationToken);
            if (answer.View is { } view)
            {
                board.ShowRemote(view);
                return view;
            }

            throw new RemoteAlertCommandException(answer.Refusal ?? "refused", answer.CauseActive);
        }
        catch (TimeoutException)
        {
            throw new AlertJudgeUnavailableException(command.Id, Patience);
        }
        finally
        {
            _waiting.TryRemove(command.Correlation, out _);
        }
    }

    /// <summary>Another instance's command: taken only if this instance judges the alert, answered to the asker alone.</summary>
    private async Task ServeAsync(AlertCommand command, CancellationToken cancellationToken)
    {
        CommandReply answer;
        try
        {
            answer = new CommandReply(command.Correlation, await RunHereAsync(command), null, false);
        }
        catch (AlertNotJudgedHereException)
        {
            // Another instance judges the alert's park: it answers, this one stays silent.
            return;
        }
        catch (AlertCommandException e)
        {
            answer = new CommandReply(command.Correlation, null, e.Message, e is AlertCauseActiveException);
        }

        AlertsLog.ServedRemote(logger, command.Kind.ToString(), command.Id, command.From);
        await cluster.PublishAsync(RepliesChannel(command.From), answer, cancellationToken);
    }

    internal enum CommandKind
    {
        Acknowledge,
        Resolve,
    }

    internal sealed record AlertCommand(CommandKind Kind, string Id, string User, string? Note, string From, string Correlation);

    internal sealed record CommandReply(string Correlation, AlertView? View, string? Refusal, bool CauseActive);
}

/// <summary>The instance that judges the alert's park refused the command (<see cref="CauseActive"/>: as <see cref="AlertCauseActiveException"/>).</summary>
public sealed class RemoteAlertCommandException(string message, bool causeActive) : Exception(message)
{
    public bool CauseActive { get; } = causeActive;
}

/// <summary>No instance answered for the alert's park in time (its judge is changing hands).</summary>
public sealed class AlertJudgeUnavailableException(string id, TimeSpan waited)
    : Exception($"No instance judging the park of alert {id} answered within {waited.TotalSeconds:0} s; its park is changing hands. Try again.");
