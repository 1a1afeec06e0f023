namespace EnvMonitoring.Cloud.Config;

/// <summary>
/// Brings the running host in line with the configuration store. A writer of the store calls it
/// after a change, so the change is in force when the write is answered; hosts that share a store
/// also poll its revision.
/// </summary>
public interface IConfigApplier
{
    /// <summary>Completes once the store's current state is in force (or refused, and logged, when it does not resolve).</summary>
    Task ApplyAsync(CancellationToken cancellationToken);
}
